package io.deconflict.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Keeps the engine a pure, deterministic library (ARCHITECTURE.md property 1): no I/O, no threads
 * or concurrency, no randomness, no clock. Only production classes are checked.
 */
@AnalyzeClasses(
    packages = "io.deconflict.engine",
    importOptions = ImportOption.DoNotIncludeTests.class)
class EngineIsPureTest {

  private static final String ENGINE = "io.deconflict.engine..";

  @ArchTest
  static final ArchRule noInputOutput =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..")
                  .and(not(type(Serializable.class)))
                  .and(not(type(UncheckedIOException.class))))
          .because("the engine does no I/O: state and events in, derived facts out");

  @ArchTest
  static final ArchRule noThreads =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("java.util.concurrent..").or(assignableTo(Thread.class)))
          .because("the engine is single-threaded; callers serialise access");

  @ArchTest
  static final ArchRule noRandomness =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(
              assignableTo(Random.class)
                  .or(type(SplittableRandom.class))
                  .or(resideInAPackage("java.util.random..")))
          .orShould()
          .callMethod(Math.class, "random")
          .orShould()
          .callMethod(StrictMath.class, "random")
          .because("the same event log must always yield the same results");

  @ArchTest
  static final ArchRule noClock =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(assignableTo(Clock.class).or(assignableTo(InstantSource.class)))
          .orShould()
          .callMethodWhere(
              DescribedPredicate.<JavaMethodCall>describe(
                  "a now() method of java.time",
                  call ->
                      call.getTarget().getName().equals("now")
                          && call.getTargetOwner().getPackageName().equals("java.time")))
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .because("time comes in with each event; the engine never reads a clock");
}
