package io.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
        ApplicationModules.of(CountersignApplication.class).verify();
    }

    /**
     * A module's {@code internal/} serves its base package, never the other way round: a class that
     * imports a class of another package is not imported back by it, so each side can be read and
     * changed on its own.
     */
    @Test
    void noTwoClassesInDifferentPackagesImportEachOther() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.countersign");
        Map<String, Set<String>> uses = new HashMap<>();
        for (JavaClass type : classes) {
            String from = topLevel(type).getName();
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = topLevel(dependency.getTargetClass());
                if (target.getPackageName().startsWith("io.countersign")
                        && !target.getPackageName().equals(topLevel(type).getPackageName())) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(target.getName());
                }
            }
        }
        Set<String> mutual = new TreeSet<>();
        uses.forEach((from, targets) -> targets.stream()
                .filter(target -> from.compareTo(target) < 0)
                .filter(target -> uses.getOrDefault(target, Set.of()).contains(from))
                .forEach(target -> mutual.add(from + " <-> " + target)));
        assertThat(mutual).isEmpty();
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
