package dev.ticketpay.payment.stripe;

import com.stripe.StripeClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link StripeClient} for the service, on the JDK's HTTP client ({@link JdkStripeHttpClient}); the static
 * {@code Stripe.apiKey} is never used.
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
}
