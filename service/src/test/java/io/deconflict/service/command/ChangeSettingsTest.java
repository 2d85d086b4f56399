package io.deconflict.service.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.OutcomeSettings;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings record ({@code service.settings}, D28): its body in a fixed order, decoded back to
 * the same settings; malformed or unknown ones refused naming the field; only the service itself
 * may issue it; a state is in force under unrecorded settings until it executes one.
 */
class ChangeSettingsTest {

  private static final Instant T = Instant.parse("2025-03-01T08:00:00Z");

  @Test
  void theBodyIsInAFixedOrderAndDecodesBack() {
    LiveSettings.DeadReckoning dr = new LiveSettings.DeadReckoning(true, 20, 0.25, 0.5);
    ChangeSettings c = new ChangeSettings(OutcomeSettings.of(dr, true));
    ObjectNode body = CommandCodec.encode(c);
    assertThat(body.toString())
        .isEqualTo(
            "{\"rules\":2,\"live\":{\"deadReckoning\":{\"enabled\":true,\"positionMeters\":20.0,"
                + "\"speedMps\":0.25,\"courseDegrees\":0.5},\"formations\":true}}");
    assertThat(CommandCodec.decode(ChangeSettings.TYPE, body)).isEqualTo(c);
    // without formations the earliest rules that give the settings are journaled: rules 1
    ChangeSettings unitPairs = new ChangeSettings(OutcomeSettings.of(dr, false));
    ObjectNode old = CommandCodec.encode(unitPairs);
    assertThat(old.toString())
        .isEqualTo(
            "{\"rules\":1,\"live\":{\"deadReckoning\":{\"enabled\":true,\"positionMeters\":20.0,"
                + "\"speedMps\":0.25,\"courseDegrees\":0.5}}}");
    assertThat(CommandCodec.decode(ChangeSettings.TYPE, old)).isEqualTo(unitPairs);
  }

  @Test
  void aBadOrUnknownSettingIsRefusedNamingTheField() {
    ObjectNode newer = CommandCodec.encode(new ChangeSettings(OutcomeSettings.UNRECORDED));
    newer.put("rules", 3);
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, newer))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/rules")
        .hasMessageContaining("rules 3 are not known to this program, which knows 1 to 2");
    ObjectNode early = CommandCodec.encode(new ChangeSettings(OutcomeSettings.UNRECORDED));
    ((ObjectNode) early.path("live")).put("formations", true);
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, early))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/live/formations has no meaning under rules 1");
    ObjectNode unsaid =
        CommandCodec.encode(
            new ChangeSettings(OutcomeSettings.of(LiveSettings.DeadReckoning.OFF, true)));
    ((ObjectNode) unsaid.path("live")).remove("formations");
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, unsaid))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/live/formations must be true or false, got");
    ObjectNode far = CommandCodec.encode(new ChangeSettings(OutcomeSettings.UNRECORDED));
    ((ObjectNode) far.path("live").path("deadReckoning")).put("positionMeters", 5000);
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, far))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("positionMeters must be in [0, 1000], got 5000.0");
    ObjectNode missing = CommandCodec.encode(new ChangeSettings(OutcomeSettings.UNRECORDED));
    ((ObjectNode) missing.path("live").path("deadReckoning")).remove("enabled");
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, missing))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/live/deadReckoning/enabled must be true or false");
    assertThatThrownBy(() -> CommandCodec.decode(ChangeSettings.TYPE, Json.object()))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/rules must be an integer");
  }

  @Test
  void onlyTheServiceJournalsItsSettingsAndTheStateAppliesThem() {
    Member officer =
        new Member("us-officer", "us", Role.OFFICER, "Officer", Tokens.sha256("token"));
    Deconfliction state =
        new Deconfliction(
            new Directory(List.of(new Party("us", "US", "en")), List.of(officer)),
            Defaults.STANDARD);
    assertThat(state.settings()).isEqualTo(OutcomeSettings.UNRECORDED);
    OutcomeSettings on = OutcomeSettings.of(LiveSettings.DeadReckoning.DEFAULT, true);
    ObjectNode body = CommandCodec.encode(new ChangeSettings(on));
    assertThatThrownBy(() -> state.execute(ChangeSettings.TYPE, "us-officer", body, T))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("only the service itself journals its settings");
    assertThat(state.settings()).isEqualTo(OutcomeSettings.UNRECORDED);
    var outcome = state.execute(ChangeSettings.TYPE, Deconfliction.SYSTEM, body, T);
    assertThat(outcome.facts())
        .singleElement()
        .satisfies(f -> assertThat(f.body()).isEqualTo(body));
    assertThat(outcome.facts().get(0).audience().toJson().toString())
        .as("told to nobody")
        .doesNotContain("us");
    assertThat(state.settings()).isEqualTo(on);
  }
}
