package org.goldensdk.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The architecture rules every Golden module checks on itself: public API in the root package
 * never exposes {@code internal} types (nor the third-party types it hides), and a module never
 * reaches packages it must not depend on. Shared with the other modules through the test jar.
 */
public final class ModuleRules {
    private ModuleRules() {
    }

    /**
     * Public and protected members of public types in {@code rootPackage} mention no type from an
     * {@code internal} package and none from {@code hiddenPackages} (e.g. {@code okhttp3}).
     */
    public static ArchRule publicApiHidesInternals(String rootPackage, String... hiddenPackages) {
        Set<String> hidden = Stream.concat(Stream.of(".internal"), Stream.of(hiddenPackages))
                .collect(Collectors.toUnmodifiableSet());
        return methods().that().areDeclaredInClassesThat().resideInAPackage(rootPackage)
                .and().areDeclaredInClassesThat().arePublic()
                .and(visibleOutsideThePackage())
                .should(notMention(hidden))
                .allowEmptyShould(true);
    }

    /** Public root-package types reveal no internal type through their constructors either. */
    public static ArchRule publicConstructorsHideInternals(String rootPackage) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
                .that().areDeclaredInClassesThat().resideInAPackage(rootPackage)
                .and().areDeclaredInClassesThat().arePublic()
                .and(visibleOutsideThePackage())
                .should(notMention(Set.of(".internal")))
                .allowEmptyShould(true);
    }

    /** No class of the module depends on any of {@code forbiddenPackages} (ArchUnit package patterns). */
    public static ArchRule dependsOnNoneOf(String modulePackage, String... forbiddenPackages) {
        return noClasses().that().resideInAPackage(modulePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbiddenPackages);
    }

    /** Internal packages are an implementation detail: the module's root package holds its API. */
    public static ArchRule internalTypesStayInternal(String rootPackage) {
        return classes().that().resideInAPackage(rootPackage + ".internal..")
                .should().onlyBeAccessed().byClassesThat().resideInAPackage(rootPackage + "..")
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaCodeUnit> visibleOutsideThePackage() {
        return DescribedPredicate.describe("are public or protected",
                unit -> unit.getModifiers().contains(JavaModifier.PUBLIC)
                        || unit.getModifiers().contains(JavaModifier.PROTECTED));
    }

    private static ArchCondition<JavaCodeUnit> notMention(Set<String> hiddenPackageFragments) {
        return new ArchCondition<>("mention no type of " + hiddenPackageFragments) {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                        .map(JavaClass::getName)
                        .filter(name -> hiddenPackageFragments.stream().anyMatch(fragment ->
                                fragment.startsWith(".") ? name.contains(fragment + ".") : name.startsWith(fragment + ".")))
                        .forEach(name -> events.add(SimpleConditionEvent.violated(unit,
                                unit.getFullName() + " exposes " + name + " in the public API")));
            }
        };
    }
}
