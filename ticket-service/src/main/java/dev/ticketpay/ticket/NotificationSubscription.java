package dev.ticketpay.ticket;

import dev.ticketpay.messaging.PostgresNotifications;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;

/**
 * A component that hears one PostgreSQL notification channel while the application runs: it subscribes on start
 * and lets go on stop. Not a polling job (that is {@code Repeating}): nothing runs unless a notification comes.
 */
public abstract class NotificationSubscription implements SmartLifecycle {

    private final PostgresNotifications notifications;
    private final String channel;
    private volatile Disposable listening;

    protected NotificationSubscription(PostgresNotifications notifications, String channel) {
        this.notifications = notifications;
        this.channel = channel;
    }

    /** One notification's payload, as the trigger sent it. */
    protected abstract void onNotification(String payload);

    /** What to forget when the application stops listening. */
    protected void onStop() {
    }

    @Override
    public void start() {
        listening = notifications.listen(channel).subscribe(this::onNotification);
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
        onStop();
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
