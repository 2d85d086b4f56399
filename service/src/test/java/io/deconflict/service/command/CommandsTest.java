package io.deconflict.service.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Commands without a service: what their constructors and the codec refuse, naming the field as the
 * service always has, and what a command built in code is journaled as.
 */
class CommandsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "item.notify | {\"kind\":\"ship\",\"feature\":{}} | /kind",
        "item.notify | {\"kind\":\"zone\",\"feature\":[]} | /feature",
        "item.notify | {\"kind\":\"zone\",\"feature\":{\"id\":\"-x\"}} | /feature/id",
        "item.notify | {\"kind\":\"zone\",\"replace\":true,\"feature\":{}} | /feature/id",
        "item.notify | {\"kind\":\"zone\",\"feature\":{\"properties\":{\"kind\":\"site\"}}}"
            + " | /feature/properties/kind",
        "agreement.set | {\"parties\":\"us\"} | /parties",
        "agreement.set | {\"parties\":[\"us\",\"us\"]} | /parties/1",
        "agreement.set | {\"parties\":[],\"sharing\":{\"us\":\"all\"}} | /sharing/us",
        "agreement.set | {\"parties\":[],\"escalation\":[\"PT1H\",\"1h\"]} | /escalation/1",
        "agreement.set | {\"parties\":[],\"minimumNotice\":\"soon\"} | /minimumNotice",
        "positions.report | {\"reports\":{}} | /reports",
        "positions.report | {\"reports\":[{\"unit\":\"a/b\"}]} | /reports/0/unit",
        "positions.report | {\"reports\":[{\"unit\":\"a\",\"time\":\"x\"}]} | /reports/0/time",
        "positions.report | {\"reports\":[{\"unit\":\"a\",\"time\":\"2022-10-08T00:00:00Z\"}]}"
            + " | /reports/0/lon",
        "hotline.post | {\"thread\":\"pair:ru:us\"} | ''",
        "hotline.post | {\"thread\":\"pair:ru:us\",\"text\":\"a\",\"code\":\"acknowledge\"} | ''",
        "hotline.post | {\"thread\":\"pair:ru:us\",\"code\":\"no-such-code\"} | /code",
        "hotline.post | {\"thread\":\"pair:ru:us\",\"code\":\"request-delay\"} | /params",
        "alert.acknowledge | {\"alert\":\"al-1\",\"readBack\":{\"start\":\"x\"}} | /readBack/start",
        "alert.deconflict | {} | /alert",
        "incident.record | {\"kind\":\"riot\",\"time\":\"2022-10-08T00:00:00Z\",\"place\":[0,0],"
            + "\"parties\":[\"us\"]} | /kind",
        "incident.record | {\"kind\":\"other\",\"time\":\"2022-10-08T00:00:00Z\",\"place\":[0,0],"
            + "\"parties\":[\"us\"],\"sources\":[{\"reportedBy\":\"x\",\"credibility\":\"sure\"}]}"
            + " | /sources/0/credibility",
        "incident.account | {\"id\":\"inc-1\"} | /text",
      })
  void refusalsNameTheField(String type, String body, String pointer) throws IOException {
    JsonNode json = Json.MAPPER.readTree(body);
    assertThatThrownBy(() -> CommandCodec.decode(type, json))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ServiceException.Kind.INVALID);
              assertThat(e.field()).isEqualTo(pointer);
            });
  }

  @Test
  void formationCommandsReadAndWriteAsClientsWriteThem() throws IOException {
    String group = "{\"units\":[\"u1\",\"u2\"],\"id\":\"g-1\"}";
    Command c = CommandCodec.decode(DeclareFormation.TYPE, Json.MAPPER.readTree(group));
    assertThat(c).isEqualTo(new DeclareFormation("g-1", List.of("u1", "u2")));
    assertThat(CommandCodec.encode(c).toString()).isEqualTo(group);
    String report =
        "{\"reports\":[{\"unit\":\"u1\",\"time\":\"2022-10-08T06:22:00Z\",\"lon\":40.61,"
            + "\"lat\":36.5,\"movement\":\"us-patrol\"}]}";
    Command r = CommandCodec.decode(ReportPositions.TYPE, Json.MAPPER.readTree(report));
    assertThat(((ReportPositions) r).reports().get(0).movement()).contains("us-patrol");
    assertThat(CommandCodec.encode(r).toString()).isEqualTo(report);
    assertThatThrownBy(
            () ->
                CommandCodec.decode(
                    ReportPositions.TYPE,
                    Json.MAPPER.readTree(report.replace("\"us-patrol\"", "\"\""))))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.field()).isEqualTo("/reports/0/movement"));
  }

  @Test
  void reconfirmationReadsAndWritesAsJournaled() throws IOException {
    String reconfirm = "{\"kind\":\"site\",\"id\":\"clinic\"}";
    Command c = CommandCodec.decode(ReconfirmItem.TYPE, Json.MAPPER.readTree(reconfirm));
    assertThat(c).isEqualTo(new ReconfirmItem("site", "clinic"));
    assertThat(CommandCodec.encode(c).toString()).isEqualTo(reconfirm);
    String agreement =
        "{\"parties\":[\"us\",\"ru\"],\"reconfirmEvery\":\"P7D\","
            + "\"reconfirmWarnBefore\":\"PT36H\"}";
    Command a = CommandCodec.decode(SetAgreement.TYPE, Json.MAPPER.readTree(agreement));
    assertThat(((SetAgreement) a).reconfirmEvery()).contains(new IsoDuration("P7D"));
    assertThat(CommandCodec.encode(a).toString()).isEqualTo(agreement);
    assertThatThrownBy(
            () ->
                CommandCodec.decode(
                    ReconfirmItem.TYPE, Json.MAPPER.readTree("{\"kind\":\"site\"}")))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.field()).isEqualTo("/id"));
  }

  @Test
  void participationReadsAndWritesAsJournaled() throws IOException {
    String answer = "{\"party\":\"ru\",\"id\":\"rt-1\",\"decision\":\"accept\",\"version\":2}";
    Command c = CommandCodec.decode(AnswerParticipation.TYPE, Json.MAPPER.readTree(answer));
    assertThat(c)
        .isEqualTo(new AnswerParticipation("ru", "rt-1", "accept", java.util.OptionalInt.of(2)));
    assertThat(CommandCodec.encode(c).toString()).isEqualTo(answer);
    String without = "{\"party\":\"ru\",\"id\":\"rt-1\",\"decision\":\"decline\"}";
    assertThat(
            CommandCodec.encode(
                    CommandCodec.decode(AnswerParticipation.TYPE, Json.MAPPER.readTree(without)))
                .toString())
        .isEqualTo(without);
    for (String[] bad :
        new String[][] {
          {"{\"party\":\"ru\",\"id\":\"rt-1\",\"decision\":\"maybe\"}", "/decision"},
          {"{\"party\":\"ru\",\"id\":\"rt-1\",\"decision\":\"accept\",\"version\":0}", "/version"},
          {
            "{\"party\":\"ru\",\"id\":\"rt-1\",\"decision\":\"accept\",\"version\":\"2\"}",
            "/version"
          },
          {"{\"id\":\"rt-1\",\"decision\":\"accept\"}", "/party"},
        }) {
      assertThatThrownBy(
              () -> CommandCodec.decode(AnswerParticipation.TYPE, Json.MAPPER.readTree(bad[0])))
          .as(bad[0])
          .isInstanceOfSatisfying(
              ServiceException.class, e -> assertThat(e.field()).isEqualTo(bad[1]));
    }
  }

  @Test
  void aConflictFromTheJobReadsAndWritesAsJournaled() throws IOException {
    String found =
        "{\"kind\":\"movement-site\",\"a\":\"us/m-1\",\"b\":\"ru/s-1\","
            + "\"start\":\"2022-10-08T06:22:00.125Z\"}";
    Command c = CommandCodec.decode(FindConflict.TYPE, Json.MAPPER.readTree(found));
    assertThat(c)
        .isEqualTo(
            new FindConflict(
                io.deconflict.engine.conflict.ConflictKind.MOVEMENT_SITE,
                "us/m-1",
                "ru/s-1",
                java.time.Instant.parse("2022-10-08T06:22:00.125Z")));
    assertThat(CommandCodec.encode(c).toString()).isEqualTo(found);
    for (String[] bad :
        new String[][] {
          {"\"movement-site\"", "\"crossing\"", "/kind"},
          {"\"2022-10-08T06:22:00.125Z\"", "\"soon\"", "/start"},
          {"\"ru/s-1\"", "\"us/m-1\"", "/a"}
        }) {
      assertThatThrownBy(
              () ->
                  CommandCodec.decode(
                      FindConflict.TYPE, Json.MAPPER.readTree(found.replace(bad[0], bad[1]))))
          .isInstanceOfSatisfying(
              ServiceException.class, e -> assertThat(e.field()).isEqualTo(bad[2]));
    }
  }

  @Test
  void aReadBackIsLeftForTheDispatchToRequire() throws IOException {
    Command c = CommandCodec.decode("alert.acknowledge", Json.MAPPER.readTree("{\"alert\":\"a\"}"));
    assertThat(((AcknowledgeAlert) c).readBack()).isEmpty();
  }

  @Test
  void commandsBuiltInCodeAreJournaledAsClientsWriteThem() {
    assertThat(CommandCodec.encode(PostMessage.text("pair:ru:us", "hello")).toString())
        .isEqualTo("{\"text\":\"hello\",\"thread\":\"pair:ru:us\"}");
    assertThat(CommandCodec.encode(new CancelItem("zone", "z-1")).toString())
        .isEqualTo("{\"kind\":\"zone\",\"id\":\"z-1\"}");
    ReportPositions.Report r =
        ReportPositions.Report.at("u-1", Instant.parse("2022-10-08T06:22:00Z"), 40.61, 36.5);
    assertThat(CommandCodec.encode(new ReportPositions(List.of(r))).toString())
        .isEqualTo(
            "{\"reports\":[{\"unit\":\"u-1\",\"time\":\"2022-10-08T06:22:00Z\","
                + "\"lon\":40.61,\"lat\":36.5}]}");
    assertThat(
            CommandCodec.encode(
                    new ReportPositions(
                        List.of(
                            new ReportPositions.Report(
                                "u-1",
                                r.time(),
                                Decimal.whole(40),
                                Decimal.of(36.5),
                                Optional.of(Decimal.whole(90)),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()))))
                .toString())
        .isEqualTo(
            "{\"reports\":[{\"unit\":\"u-1\",\"time\":\"2022-10-08T06:22:00Z\","
                + "\"lon\":40,\"lat\":36.5,\"course\":90}]}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "positions.report | {\"reports\":[{\"unit\":\"u\",\"time\":\"2022-10-08T06:22:00.000Z\","
            + "\"lon\":40,\"lat\":36.50,\"course\":0.0,\"speed\":8}]}",
        "item.notify | {\"kind\":\"site\",\"replace\":false,\"emergency\":false,"
            + "\"feature\":{\"type\":\"Feature\",\"extra\":[1,2.5]}}",
        "agreement.set | {\"parties\":[\"us\",\"ru\"],\"effectiveFrom\":\"2015-10-20T00:00:00.000Z\","
            + "\"separationMeters\":2000,\"escalation\":[\"PT30M\",\"PT60M\"],"
            + "\"sharing\":{\"us\":\"conflicts\",\"ru\":\"positions\"},\"id\":\"ag-1\"}",
        "alert.acknowledge | {\"readBack\":{\"start\":\"2022-10-08T04:03:26.7Z\","
            + "\"end\":\"2022-10-08T04:03:27Z\",\"place\":[41,37.075]},\"alert\":\"al-2\"}",
      })
  void bodiesInTheMembersWordsEncodeAsTheyWereWritten(String type, String body) throws IOException {
    JsonNode json = Json.MAPPER.readTree(body);
    assertThat(CommandCodec.encode(CommandCodec.decode(type, json)).toString())
        .isEqualTo(json.toString());
  }

  @Test
  void durationsKeepTheirSpelling() {
    assertThat(new IsoDuration("PT60M").value()).isEqualTo(new IsoDuration("PT1H").value());
    assertThat(new IsoDuration("PT60M").text()).isEqualTo("PT60M");
    assertThatThrownBy(() -> new IsoDuration("an hour"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"an hour\"");
  }
}
