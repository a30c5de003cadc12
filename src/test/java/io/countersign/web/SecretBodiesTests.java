package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring logs a body's and a handler argument's {@code toString} at debug and trace level, so no
 * record a handler reads or answers may show a password, token or secret there. Every such record is
 * found from the handlers themselves, so a new body is checked without being listed here.
 */
class SecretBodiesTests {

    // a component so named holds a credential; a Teams or Discord webhook URL is one too
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|key|credential|webhookurl)");

    // named like anything else but a secret: a chat link's one-time code proves who sends it to the bot
    private static final Set<String> SECRET = Set.of("ChatLinkCode.code");

    // named like a secret but public: a checkpoint key's public half, a form's idempotency key
    private static final Set<String> NOT_SECRET =
            Set.of("KeyResponse.publicKey", "KeyResponse.publicKeyPem", "NewRequestForm.key");

    @Test
    void noBodyShowsItsSecretInItsText() throws Exception {
        Map<String, String> leaks = new LinkedHashMap<>();
        Set<String> checked = new LinkedHashSet<>();
        for (Class<?> body : handlerRecords()) {
            List<String> secrets = secretComponents(body);
            if (secrets.isEmpty()) {
                continue;
            }
            checked.add(body.getSimpleName());
            String text = instance(body).toString();
            for (String secret : secrets) {
                if (text.contains(valueOf(secret))) {
                    leaks.put(body.getName() + "." + secret, text);
                }
            }
        }
        assertThat(checked)
                .as("the scan reaches the bodies known to carry secrets")
                .contains(
                        "PasswordChange",
                        "UserRequest",
                        "WebhookRequest",
                        "SecretRequest",
                        "TokenResponse",
                        "Smtp",
                        "Imap",
                        "ChatChannelInput",
                        "UserForm",
                        "WebhookForm",
                        "ChannelForm",
                        "ChatLinkCode");
        assertThat(leaks).isEmpty();
    }

    @Test
    void aBodyStillTellsWhichSecretWasNotSent() throws Exception {
        Class<?> webhook = Class.forName("io.countersign.web.api.WebhookController$WebhookRequest");
        Constructor<?> constructor = canonical(webhook);
        Object sent = constructor.newInstance("https://hooks.example/x", List.of(), "s3cr3t-value-000000");
        Object left = constructor.newInstance("https://hooks.example/x", List.of(), null);

        assertThat(sent.toString())
                .isEqualTo("WebhookRequest[url=https://hooks.example/x, events=[], secret=<redacted>]");
        assertThat(left.toString()).isEqualTo("WebhookRequest[url=https://hooks.example/x, events=[], secret=null]");
    }

    private static Set<Class<?>> handlerRecords() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<Class<?>> records = new LinkedHashSet<>();
        for (BeanDefinition controller : scanner.findCandidateComponents("io.countersign")) {
            for (Method method : Class.forName(controller.getBeanClassName()).getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                for (Type parameter : method.getGenericParameterTypes()) {
                    collect(parameter, records);
                }
                collect(method.getGenericReturnType(), records);
            }
        }
        return records;
    }

    private static void collect(Type type, Set<Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), records);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, records);
            }
        } else if (type instanceof Class<?> found
                && found.isRecord()
                && found.getName().startsWith("io.countersign.")
                && records.add(found)) {
            for (RecordComponent component : found.getRecordComponents()) {
                collect(component.getGenericType(), records);
            }
        }
    }

    private static List<String> secretComponents(Class<?> body) {
        // a password change's fields are all passwords, whatever they are called
        boolean allSecret = body.getSimpleName().contains("Password");
        List<String> secrets = new ArrayList<>();
        for (RecordComponent component : body.getRecordComponents()) {
            String name = body.getSimpleName() + "." + component.getName();
            if (component.getType() == String.class
                    && (allSecret || SECRET_NAME.matcher(component.getName()).matches() || SECRET.contains(name))
                    && !NOT_SECRET.contains(name)) {
                secrets.add(component.getName());
            }
        }
        return secrets;
    }

    private static Object instance(Class<?> body) throws Exception {
        RecordComponent[] components = body.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i]);
        }
        return canonical(body).newInstance(values);
    }

    private static Object value(RecordComponent component) throws Exception {
        Class<?> type = component.getType();
        if (type == String.class) {
            return valueOf(component.getName());
        }
        if (type == int.class || type == long.class || type == boolean.class) {
            return type == int.class ? (Object) 0 : type == long.class ? (Object) 0L : (Object) false;
        }
        if (type.isRecord()) {
            return instance(type);
        }
        return null;
    }

    private static String valueOf(String component) {
        return "VALUE-OF-" + component + "-7f3a9c";
    }

    private static Constructor<?> canonical(Class<?> body) throws NoSuchMethodException {
        Class<?>[] types = java.util.Arrays.stream(body.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> constructor = body.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor;
    }
}
