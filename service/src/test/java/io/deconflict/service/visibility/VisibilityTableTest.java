package io.deconflict.service.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.service.visibility.Visibility.Of;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table "Who sees what" of {@code docs/api.md}, row by row: what a viewer (the owning party's
 * own member, another party's member, an operator) is shown of party {@code ru}'s item, of an alert
 * about a conflict with {@code ru}, of {@code ru}'s late notice and of {@code ru}'s unit's track,
 * for each sharing level {@code ru} has in the agreement in force ({@code none}: no agreement).
 *
 * <p>Cells: item {@code hidden}/{@code outline}/{@code whole}; alert the parts of the other party
 * it names ({@code party} in {@code other.party} and counterpart events, {@code closest} for {@code
 * closest.other}, {@code item} for {@code other.item}, {@code live} for {@code
 * live.otherPosition}); late notice the parts it keeps; track {@code seen} or {@code hidden};
 * {@code recipient} where an operator reads what the recipient is told (asked with the recipient's
 * party).
 */
class VisibilityTableTest {

  private static final String TABLE =
      """
      viewer   | ru shares  | item    | alert                   | late notice | track
      own      | none       | whole   | party closest item live | party item  | seen
      own      | nothing    | whole   | party closest item live | party item  | seen
      own      | conflicts  | whole   | party closest item live | party item  | seen
      own      | positions  | whole   | party closest item live | party item  | seen
      own      | everything | whole   | party closest item live | party item  | seen
      other    | none       | hidden  | party closest           | -           | hidden
      other    | nothing    | hidden  | -                       | -           | hidden
      other    | conflicts  | hidden  | party closest           | party       | hidden
      other    | positions  | outline | party closest item live | party item  | seen
      other    | everything | whole   | party closest item live | party item  | seen
      operator | none       | hidden  | recipient               | recipient   | hidden
      operator | nothing    | hidden  | recipient               | recipient   | hidden
      operator | conflicts  | hidden  | recipient               | recipient   | hidden
      operator | positions  | hidden  | recipient               | recipient   | hidden
      operator | everything | hidden  | recipient               | recipient   | hidden
      """;

  private static final Instant EFFECTIVE = Instant.parse("2022-10-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2022-10-08T06:00:00Z");

  private static final Member RU = member("ru-officer", "ru", Role.OFFICER);
  private static final Member US = member("us-officer", "us", Role.OFFICER);
  private static final Member OPERATOR = member("operator", Party.MECHANISM, Role.OPERATOR);

  static Stream<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    List<String> lines = TABLE.lines().skip(1).toList();
    for (String line : lines) {
      String[] cells = line.split("\\|");
      rows.add(
          Arguments.of(
              cells[0].trim(),
              cells[1].trim(),
              cells[2].trim(),
              cells[3].trim(),
              cells[4].trim(),
              cells[5].trim()));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} viewer, ru shares {1}")
  @MethodSource("rows")
  void aViewerIsShownWhatTheTableSays(
      String viewer, String level, String item, String alert, String lateNotice, String track) {
    Visibility policy = policy(level);
    Member member =
        switch (viewer) {
          case "own" -> RU;
          case "other" -> US;
          default -> OPERATOR;
        };
    assertThat(Visibility.item(policy.sharing(member, "ru", Of.ITEM, AT)).name())
        .as("item")
        .isEqualToIgnoringCase(item);
    assertThat(Visibility.track(policy.sharing(member, "ru", Of.TRACK, AT)) ? "seen" : "hidden")
        .as("track")
        .isEqualTo(track);
    if (member.isOperator()) {
      // operators read alerts and late notices addressed to a party as that party is told them
      assertThat(alert).isEqualTo("recipient");
      assertThat(lateNotice).isEqualTo("recipient");
      return;
    }
    Visibility.AlertView shown =
        Visibility.alert(policy.sharing(member.party(), "ru", Of.ALERT, AT));
    assertThat(
            cell(
                shown.party() ? "party" : "",
                shown.closestPosition() ? "closest" : "",
                shown.item() ? "item" : "",
                shown.livePosition() ? "live" : ""))
        .as("alert")
        .isEqualTo(alert);
    Visibility.LateNoticeView told =
        Visibility.lateNotice(policy.sharing(member.party(), "ru", Of.LATE_NOTICE, AT));
    assertThat(cell(told.party() ? "party" : "", told.item() ? "item" : ""))
        .as("late notice")
        .isEqualTo(lateNotice);
  }

  @ParameterizedTest(name = "ru shares {1}")
  @MethodSource("rows")
  void anAgreementNotYetInForceCountsAsNone(
      String viewer, String level, String item, String alert, String lateNotice, String track) {
    Visibility policy = policy(level);
    for (Of of : Of.values()) {
      assertThat(policy.sharing("us", "ru", of, EFFECTIVE.minusSeconds(1)))
          .as(of.name())
          .isEqualTo(Visibility.withoutAgreement(of));
    }
  }

  private static String cell(String... parts) {
    String joined = String.join(" ", Stream.of(parts).filter(p -> !p.isEmpty()).toList());
    return joined.isEmpty() ? "-" : joined;
  }

  /** A policy over one us–ru agreement in which ru shares {@code level}, or none. */
  private static Visibility policy(String level) {
    if (level.equals("none")) {
      return new Visibility((a, b, at) -> Optional.empty());
    }
    Agreement agreement =
        new Agreement(
            "ag-1",
            1,
            Set.of("us", "ru"),
            EFFECTIVE,
            1000,
            Duration.ofHours(24),
            Duration.ofHours(1),
            Duration.ofMinutes(10),
            List.of(Duration.ofMinutes(30), Duration.ofHours(1)),
            Map.of("ru", Sharing.parse(level), "us", Sharing.EVERYTHING),
            false);
    return new Visibility(
        (a, b, at) ->
            agreement.binds(a, b) && !at.isBefore(agreement.effectiveFrom())
                ? Optional.of(agreement)
                : Optional.empty());
  }

  private static Member member(String id, String party, Role role) {
    return new Member(id, party, role, id, Tokens.sha256("token-" + id));
  }
}
