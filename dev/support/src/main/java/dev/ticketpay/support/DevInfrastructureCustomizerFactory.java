package dev.ticketpay.support;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link OnDevInfrastructure} (registered in {@code META-INF/spring.factories}): the annotated test's context
 * gets the infrastructure's addresses ahead of every other property source.
 */
class DevInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        var found = TestContextAnnotationUtils.findAnnotationDescriptor(testClass, OnDevInfrastructure.class);
        return found == null ? null
                : new Infrastructure(found.getAnnotation().value(), found.getRootDeclaringClass());
    }

    /**
     * Equal for the tests that declare or inherit the annotation from the same class, so the context cache keeps
     * one context per declaring class, as a {@code @DynamicPropertySource} there would.
     */
    private record Infrastructure(String database, Class<?> declaredOn) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            var infrastructure = DevInfrastructure.shared();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dev-infrastructure",
                    infrastructure.properties(database)));
        }
    }
}
