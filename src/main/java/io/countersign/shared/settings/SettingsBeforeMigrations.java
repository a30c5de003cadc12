package io.countersign.shared.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks every setting before the schema is migrated or anything is written. Countersign's
 * properties records check themselves when they are bound, but Spring binds each only when a bean
 * first needs it: the first administrator's, for instance, after the migrations had run. So the
 * migrations are made to wait for every record, and Spring Boot's own settings that an operator sets
 * through Countersign's variables are checked here, before any bean exists.
 */
@Component
class SettingsBeforeMigrations implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final String ROOT_PACKAGE = "io.countersign.";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ServiceSettings.check(Binder.get(environment));
        String[] records = countersignProperties(beanFactory);
        for (String migrations : beanFactory.getBeanNamesForType(FlywayMigrationInitializer.class, true, false)) {
            BeanDefinition definition = beanFactory.getBeanDefinition(migrations);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (definition.getDependsOn() != null) {
                dependsOn.addAll(List.of(definition.getDependsOn()));
            }
            dependsOn.addAll(List.of(records));
            definition.setDependsOn(dependsOn.toArray(String[]::new));
        }
    }

    private static String[] countersignProperties(ConfigurableListableBeanFactory beanFactory) {
        List<String> names = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null
                    && type.getName().startsWith(ROOT_PACKAGE)
                    && AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class)) {
                names.add(name);
            }
        }
        return names.toArray(String[]::new);
    }
}
