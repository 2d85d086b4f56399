package io.deconflict.cli.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.agreement.Agreements;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.AlertBook;
import io.deconflict.service.alert.EscalationLadder;
import io.deconflict.service.hotline.Hotline;
import io.deconflict.service.incident.Incidents;
import io.deconflict.service.notification.Notifications;
import io.deconflict.service.party.Member;

/**
 * Guard rails of the service's shape (D17): transports (HTTP, TAK) receive the application and stay
 * off storage and the state machine's internals, and the parts the state machine was split into
 * change only through its dispatch. Only production classes are checked.
 */
@AnalyzeClasses(packages = "io.deconflict", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceShapeTest {

  private static final String[] TRANSPORTS = {"io.deconflict.server..", "io.deconflict.tak.."};

  @ArchTest
  static final ArchRule transportsOpenNoStorage =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .dependOnClassesThat(resideInAPackage("io.deconflict.journal.."))
          .because("ServiceRuntime, the one composition root, opens the journal");

  @ArchTest
  static final ArchRule transportsBuildNoApplication =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .callConstructor(
              Deconfliction.class,
              io.deconflict.service.party.Directory.class,
              io.deconflict.service.Defaults.class)
          .orShould()
          .callMethodWhere(target(owner(type(Application.class))).and(target(nameMatching("open"))))
          .orShould()
          .callMethodWhere(
              target(owner(type(ServiceRuntime.class))).and(target(nameMatching("open"))))
          .because("transports receive the application from ServiceRuntime");

  @ArchTest
  static final ArchRule transportsDoNotExecuteCommands =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .callMethodWhere(
              target(owner(type(Deconfliction.class))).and(target(nameMatching("execute"))))
          .because("commands go through Application.submit, which journals them");

  @ArchTest
  static final ArchRule transportsStayOffTheInternals =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .dependOnClassesThat(
              type(AlertBook.class)
                  .or(type(EscalationLadder.class))
                  .or(type(Agreements.class))
                  .or(type(Alert.class))
                  .or(resideInAPackage("io.deconflict.service.visibility..")))
          .because("the state machine's parts are reached through its dispatch and reads");

  @ArchTest
  static final ArchRule theAlertBookChangesOnlyThroughTheDispatch =
      noClasses()
          .that()
          .doNotBelongToAnyOf(Deconfliction.class, AlertBook.class)
          .should()
          .callMethodWhere(
              target(owner(assignableTo(AlertBook.class)))
                  .and(target(nameMatching("raise|escalate|acknowledge|markDeconflicted|resolve"))))
          .because("only the state machine's dispatch changes alerts");

  @ArchTest
  static final ArchRule alertsChangeOnlyInTheBook =
      noClasses()
          .that()
          .doNotBelongToAnyOf(AlertBook.class, Alert.class)
          .and()
          .doNotHaveFullyQualifiedName("io.deconflict.service.Live")
          .should()
          .callMethodWhere(
              target(owner(assignableTo(Alert.class)))
                  .and(
                      target(
                          nameMatching(
                              "escalate|markOverdue|acknowledge|markDeconflicted|resolve"))))
          .orShould()
          .callMethod(Alert.class, "live", ObjectNode.class)
          .because("an alert moves on its ladder only in the alert book (Live updates its view)");

  @ArchTest
  static final ArchRule agreementsAndIncidentsChangeOnlyThroughTheDispatch =
      noClasses()
          .that()
          .doNotBelongToAnyOf(Deconfliction.class, Agreements.class, Incidents.class)
          .should()
          .callMethodWhere(
              target(owner(assignableTo(Agreements.class))).and(target(nameMatching("record"))))
          .orShould()
          .callMethodWhere(
              target(owner(assignableTo(Incidents.class)))
                  .and(target(nameMatching("record|revise|account"))))
          .because("only the state machine's dispatch records agreements and incidents");

  @ArchTest
  static final ArchRule transportsSubmitTypedCommands =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .callMethod(Application.class, "submit", Member.class, String.class, JsonNode.class)
          .because(
              "a transport builds a Command, or decodes one with CommandCodec, before it submits"
                  + " (D20)");

  @ArchTest
  static final ArchRule transportsReachTheStateOnlyThroughTheApplication =
      noClasses()
          .that()
          .resideInAnyPackage(TRANSPORTS)
          .should()
          .callMethodWhere(target(owner(type(Deconfliction.class))))
          .orShould()
          .callConstructor(Hotline.class, io.deconflict.service.party.Directory.class)
          .orShould()
          .callMethodWhere(
              target(owner(type(Hotline.class))).and(target(nameMatching("post|messages|threads"))))
          .orShould()
          .dependOnClassesThat(
              type(Incidents.class)
                  .or(type(Notifications.class))
                  .or(nameMatching("io\\.deconflict\\.service\\.Live")))
          .because(
              "transports submit commands to the Application and read through Queries; the state"
                  + " machine and its parts are the dispatch's");

  @ArchTest
  static final ArchRule theHotlineAndTheNotificationsChangeOnlyThroughTheDispatch =
      noClasses()
          .that()
          .doNotBelongToAnyOf(Deconfliction.class, Hotline.class, Notifications.class)
          .should()
          .callMethodWhere(
              target(owner(assignableTo(Hotline.class))).and(target(nameMatching("post"))))
          .orShould()
          .callMethodWhere(
              target(owner(assignableTo(Notifications.class)))
                  .and(target(nameMatching("record|remove"))))
          .because("only the state machine's dispatch posts messages and records or removes items");

  @ArchTest
  static final ArchRule commandsKnowNothingOfTheState =
      noClasses()
          .that()
          .resideInAPackage("io.deconflict.service.command..")
          .should()
          .dependOnClassesThat(
              type(Deconfliction.class)
                  .or(type(Application.class))
                  .or(type(AlertBook.class))
                  .or(type(Agreements.class))
                  .or(type(Incidents.class))
                  .or(type(Notifications.class))
                  .or(type(Hotline.class))
                  .or(resideInAPackage("io.deconflict.service.visibility.."))
                  .or(resideInAPackage("io.deconflict.journal..")))
          .because(
              "a command is what a member asked, checked for shape; the state checks the rest");
}
