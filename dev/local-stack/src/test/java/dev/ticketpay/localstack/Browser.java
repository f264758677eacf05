package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, in a phone-sized window, driven through Debian's chromedriver: both are given by
 * path, so Selenium Manager never downloads a browser or a driver. Missing, they fail the test with the command
 * that installs them. Screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ticketpay.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ticketpay.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(45));
    }

    /** A fresh browser; {@code arguments} are extra chromium switches (a fake camera, say). */
    static Browser open(String... arguments) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The web app's journeys need Debian's chromium and its driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver "
                    + "(.ci/run installs them).");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=412,915");
        options.addArguments(List.of(arguments));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(412, 915));
        return new Browser(driver);
    }

    void go(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's text contains {@code text}; answers the element. */
    WebElement findWithText(String css, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Waits for {@code condition}, asking again when a navigation aborts a look at the page: chromium answers
     * "aborted by navigation" when the document it searches is replaced meanwhile, as after a click that submits a
     * form or follows a redirect.
     */
    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(driver -> {
            try {
                return condition.apply(driver);
            }
            catch (WebDriverException aborted) {
                if (aborted.getMessage() != null && aborted.getMessage().contains("aborted by navigation")) {
                    return null;
                }
                throw aborted;
            }
        });
    }

    void type(String css, String text) {
        var field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value as a script would, for inputs whose typing depends on the locale (dates). */
    void setValue(String css, String value) {
        driver.executeScript("arguments[0].value = arguments[1]", find(css), value);
    }

    void click(String css) {
        until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
