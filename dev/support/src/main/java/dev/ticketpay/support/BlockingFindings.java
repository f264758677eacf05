package dev.ticketpay.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every blocking call BlockHound catches in an audit run, written down before the call fails. A failed call fails its
 * test only when the error reaches the test: one thrown inside a Kafka listener, a retried chain or a subscription
 * without an error handler is logged, retried or dropped, and the test may still pass. The {@code blockhound} Maven
 * profile names the file ({@value #FILE_PROPERTY}) and fails the module's build when it exists after the tests.
 */
final class BlockingFindings {

    static final String FILE_PROPERTY = "ticketpay.blockhound.findings";

    private BlockingFindings() {
    }

    /** Appends the thread and the stack of {@code error}; nothing when the run names no file. */
    static synchronized void record(Thread thread, Throwable error) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        var stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        String entry = "On thread " + thread.getName() + ": " + stack + System.lineSeparator();
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
