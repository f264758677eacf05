package dev.ticketpay.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A setting that fails its checks at start ({@code @Validated} constraints, or a settings record's constructor)
 * is reported by the environment variable an operator sets, not only by its property name: the variable is the
 * one the property's {@code ${VARIABLE:default}} placeholder reads (application.yml), or else the variable that
 * relaxed binding maps to the property. Values are never repeated: a setting may be a secret.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final Environment environment;

    public SettingsFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String prefix = cause.getName().toString();
        List<String> problems = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        if (cause.getCause() instanceof BindValidationException invalid) {
            for (ObjectError error : invalid.getValidationErrors()) {
                String property = error instanceof FieldError field ? prefix + "." + dashed(field.getField()) : prefix;
                String variable = variableOf(property);
                variables.add(variable);
                problems.add("  " + variable + " (" + property + "): " + error.getDefaultMessage());
            }
        }
        else {
            // the settings record refused itself in its constructor: its message says which of its variables
            Set<String> under = variablesUnder(prefix);
            variables.addAll(under.isEmpty() ? Set.of(variableOf(prefix)) : under);
            String reason = NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
            problems.add("  " + String.join(" / ", variables) + " (" + prefix + "): " + reason);
        }
        return new FailureAnalysis("A setting is not valid:\n" + String.join("\n", problems),
                "Set " + String.join(", ", variables) + " to a valid value (README, \"Configuration\").", cause);
    }

    /** The environment variable that sets the property. */
    String variableOf(String property) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                Object raw = source.getProperty(property);
                if (raw == null && source instanceof EnumerablePropertySource<?> enumerable) {
                    raw = rawByUniformName(enumerable, property);
                }
                if (raw != null) {
                    var placeholder = VARIABLE.matcher(raw.toString());
                    if (placeholder.find()) {
                        return placeholder.group(1);
                    }
                    break;
                }
            }
        }
        return property.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
    }

    /** The variables the placeholders of every property under {@code prefix} read. */
    private Set<String> variablesUnder(String prefix) {
        Set<String> variables = new LinkedHashSet<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        Object raw = enumerable.getProperty(name);
                        if (uniform(name).startsWith(uniform(prefix) + ".") && raw != null) {
                            VARIABLE.matcher(raw.toString()).results().forEach(found -> variables.add(found.group(1)));
                        }
                    }
                }
            }
        }
        return variables;
    }

    /** A property written in another form (camelCase, underscores) in its source. */
    private static Object rawByUniformName(EnumerablePropertySource<?> source, String property) {
        String wanted = uniform(property);
        for (String name : source.getPropertyNames()) {
            if (uniform(name).equals(wanted)) {
                return source.getProperty(name);
            }
        }
        return null;
    }

    private static String uniform(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** {@code storeTimeout} as written in configuration: {@code store-timeout}. */
    private static String dashed(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
