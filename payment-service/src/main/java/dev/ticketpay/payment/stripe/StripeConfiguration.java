package dev.ticketpay.payment.stripe;

import java.time.Clock;

import com.stripe.StripeClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link StripeClient} for the service, on the JDK's HTTP client ({@link JdkStripeHttpClient}; the static
 * {@code Stripe.apiKey} is never used), and the one rate limiter every call to it waits on.
 */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    @Bean
    StripeClient stripeClient(StripeSettings settings) {
        int timeout = Math.toIntExact(settings.requestTimeout().toMillis());
        return StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout(timeout)
                .setReadTimeout(timeout)
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setHttpClient(new JdkStripeHttpClient(settings.requestTimeout()))
                .build();
    }

    @Bean(destroyMethod = "close")
    StripeRateLimiter stripeRateLimiter(StripeSettings settings, MeterRegistry meters, Clock clock) {
        var limiter = new StripeRateLimiter(settings.rateLimit(), clock);
        limiter.register(meters);
        return limiter;
    }
}
