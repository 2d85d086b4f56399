package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.tak.cot.CotEvent;
import io.deconflict.tak.cot.Element;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routes, drawn zones, deletions and GeoChat from TAK clients, over real sockets: timed routes
 * become movements and are deconflicted, untimed ones are kept and the sender is told, marked
 * polygons become zones, chat in a hotline thread reaches the other party.
 */
class PlansAndChatTest extends ListenerTest {

  /** A route along waypoints {lat, lon}, with times if given. */
  static CotEvent route(String uid, double[][] points, List<Instant> times) {
    Instant now = Instant.now();
    Element detail = new Element("detail");
    for (int i = 0; i < points.length; i++) {
      detail
          .add("link")
          .attr("uid", uid + "-wp" + i)
          .attr("callsign", "CP" + i)
          .attr("type", "b-m-p-w")
          .attr("point", points[i][0] + "," + points[i][1])
          .attr("relation", "c");
    }
    detail.add("link_attr").attr("method", "Driving").attr("color", "-1");
    detail.add("contact").attr("callsign", "Route " + uid);
    if (!times.isEmpty()) {
      Element x = detail.add("__deconflict").attr("separationMeters", "1500");
      for (int i = 0; i < times.size(); i++) {
        x.add("wp").attr("uid", uid + "-wp" + i).attr("time", times.get(i).toString());
      }
    }
    return new CotEvent(
        uid,
        "b-m-r",
        "h-e",
        now,
        now,
        now.plusSeconds(3600),
        points[0][0],
        points[0][1],
        0,
        9999999,
        9999999,
        detail);
  }

  /** Sends a route timed from {@code t0} over 30 minutes and waits until it is notified. */
  static void notify(TakClient client, String uid, double[][] points, Instant t0) throws Exception {
    client.send(route(uid, points, List.of(t0, t0.plusSeconds(1800))));
    client.await(
        e -> TakClient.isReply(e) && TakClient.text(e).startsWith("movement " + uid + " notified"),
        WAIT);
  }

  @Test
  void timedRoutesAreDeconflictedAndBothPartiesGetTheAlert() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
      notify(us, "us-route-1", new double[][] {{37.0, 40.9}, {37.0, 41.1}}, t0);
      notify(ru, "ru-route-1", new double[][] {{36.9, 41.0}, {37.1, 41.0}}, t0);
      CotEvent usMarker = us.await(e -> e.type().equals("b-m-p-s-m"), WAIT);
      ru.await(e -> e.type().equals("b-m-p-s-m"), WAIT);
      assertThat(usMarker.detail().child("__deconflict").flatMap(x -> x.attr("kind")))
          .contains("movement-movement");
      // the route as notified keeps the TAK detail it came with
      ObjectNode item =
          tak.app.read(d -> d.item(tak.member("us-officer"), "movement", "us", "us-route-1"));
      assertThat(item.path("feature").path("properties").path("cot").path("detail").asText())
          .contains("link_attr");
      assertThat(item.path("feature").path("properties").path("separationMeters").asDouble())
          .isEqualTo(1500);
      // deleting the route on TAK cancels the movement, and the alert resolves
      Instant now = Instant.now();
      Element d = new Element("detail");
      d.add("link").attr("uid", "us-route-1").attr("relation", "none").attr("type", "b-m-r");
      us.send(
          new CotEvent(
              "us-route-1",
              "t-x-d-d",
              "h-g-i-g-o",
              now,
              now,
              now.plusSeconds(60),
              0,
              0,
              0,
              0,
              0,
              d));
      us.await(
          e -> TakClient.isReply(e) && TakClient.text(e).equals("movement us-route-1 cancelled"),
          WAIT);
      ru.await(e -> e.type().equals("t-x-d-d"), WAIT);
    }
  }

  @Test
  void aRouteWithoutTimesIsKeptAndTheSenderIsTold() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
      us.send(
          route(
              "us-route-2", new double[][] {{37.0, 40.9}, {37.0, 41.1}, {37.1, 41.2}}, List.of()));
      CotEvent told =
          us.await(e -> TakClient.isReply(e) && TakClient.text(e).contains("no times"), WAIT);
      assertThat(TakClient.text(told)).contains("cannot be checked in time");
      assertThat(tak.listener.untimedRoutes()).isEqualTo(1);
      List<ObjectNode> movements =
          tak.app.read(s -> s.items(tak.member("us-officer"), "movement", true));
      assertThat(movements).isEmpty();
      // one time too few is an error naming the counts
      Instant t0 = Instant.now().plus(2, ChronoUnit.DAYS);
      us.send(
          route(
              "us-route-3",
              new double[][] {{37.0, 40.9}, {37.0, 41.1}, {37.1, 41.2}},
              List.of(t0, t0.plusSeconds(60))));
      CotEvent err = us.await(TakClient::isError, WAIT);
      assertThat(TakClient.text(err)).contains("2 <wp> times but the route has 3 waypoints");
    }
  }

  @Test
  void aMarkedPolygonBecomesAZone() throws Exception {
    try (TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      Instant now = Instant.now();
      Element detail = new Element("detail");
      double[][] ring = {{36.6, 40.22}, {36.57, 40.42}, {36.66, 40.52}, {36.76, 40.4}};
      for (double[] p : ring) {
        detail.add("link").attr("point", p[0] + "," + p[1]);
      }
      detail.add("strokeColor").attr("value", "-65536");
      detail.add("__deconflict").attr("zone", "true").attr("access", "forbidden");
      ru.send(
          new CotEvent(
              "ru-aoo-1",
              "u-d-f",
              "h-e",
              now,
              now,
              now.plusSeconds(3600),
              36.6,
              40.3,
              0,
              0,
              0,
              detail));
      ru.await(
          e -> TakClient.isReply(e) && TakClient.text(e).startsWith("zone ru-aoo-1 notified"),
          WAIT);
      ObjectNode zone =
          tak.app.read(d -> d.item(tak.member("ru-officer"), "zone", "ru", "ru-aoo-1"));
      assertThat(zone.path("feature").path("properties").path("access").asText())
          .isEqualTo("forbidden");
      assertThat(zone.path("feature").path("geometry").path("coordinates").path(0).size())
          .isEqualTo(5);
      // an unmarked drawing is not the service's business: no zone, no error
      ru.send(
          new CotEvent(
              "drawing-2",
              "u-d-f",
              "h-e",
              now,
              now,
              now.plusSeconds(3600),
              36.6,
              40.3,
              0,
              0,
              0,
              new Element("detail")));
      Thread.sleep(300);
      assertThat(ru.all()).noneMatch(e -> TakClient.isError(e));
    }
  }

  @Test
  void aMarkedLineWithASideBecomesALineZoneAndABadOneIsAnsweredWithTheField() throws Exception {
    try (TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      Instant now = Instant.now();
      Element detail = new Element("detail");
      for (double[] p : new double[][] {{36.0, 38.0}, {36.5, 38.1}, {37.0, 38.05}}) {
        detail.add("link").attr("point", p[0] + "," + p[1]);
      }
      detail
          .add("__deconflict")
          .attr("zone", "true")
          .attr("side", "right")
          .attr("depthMeters", "20000");
      ru.send(
          new CotEvent(
              "ru-line-1",
              "u-d-f",
              "h-e",
              now,
              now,
              now.plusSeconds(3600),
              36.5,
              38.1,
              0,
              0,
              0,
              detail));
      ru.await(
          e -> TakClient.isReply(e) && TakClient.text(e).startsWith("zone ru-line-1 notified"),
          WAIT);
      ObjectNode zone =
          tak.app.read(d -> d.item(tak.member("ru-officer"), "zone", "ru", "ru-line-1"));
      assertThat(zone.path("feature").path("geometry").path("type").asText())
          .isEqualTo("LineString");
      assertThat(zone.path("feature").path("properties").path("side").asText()).isEqualTo("right");
      assertThat(zone.path("feature").path("properties").path("depthMeters").asDouble())
          .isEqualTo(20000);

      Element both = new Element("detail");
      both.add("link").attr("point", "36.0,38.0");
      both.add("link").attr("point", "36.5,38.1");
      both.add("__deconflict").attr("zone", "true").attr("side", "left").attr("bufferMeters", "5");
      ru.send(
          new CotEvent(
              "ru-line-2",
              "u-d-f",
              "h-e",
              now,
              now,
              now.plusSeconds(3600),
              36.5,
              38.1,
              0,
              0,
              0,
              both));
      CotEvent error = ru.await(e -> TakClient.isError(e), WAIT);
      assertThat(TakClient.text(error)).contains("properties.side and properties.bufferMeters");
    }
  }

  @Test
  void chatInAHotlineThreadReachesTheOtherPartyAndNotTheThird() throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient tr = tak.client("tr-officer", "ANDROID-tr-1")) {
      us.send(us.chat("pair:ru:us", "Patrol 1 will hold at the bridge."));
      CotEvent got = ru.await(e -> e.type().equals("b-t-f") && !TakClient.isReply(e), WAIT);
      assertThat(TakClient.text(got)).isEqualTo("Patrol 1 will hold at the bridge.");
      assertThat(got.detail().child("__chat").flatMap(c -> c.attr("id"))).contains("pair:ru:us");
      assertThat(got.detail().child("__chat").flatMap(c -> c.attr("senderCallsign")))
          .contains("us-officer (us)");
      // the reply comes back in the same room
      ru.send(ru.chat("pair:ru:us", "Понял."));
      CotEvent back =
          us.await(e -> e.type().equals("b-t-f") && TakClient.text(e).equals("Понял."), WAIT);
      assertThat(back.detail().child("__deconflict").flatMap(x -> x.attr("party"))).contains("ru");
      // not echoed to its sender, not seen by the third party
      Thread.sleep(300);
      assertThat(us.all())
          .noneMatch(e -> TakClient.text(e).equals("Patrol 1 will hold at the bridge."));
      assertThat(tr.all()).noneMatch(e -> TakClient.text(e).contains("bridge"));
      // a coded message posted over the API arrives rendered in each reader's language
      ObjectNode coded =
          io.deconflict.service.Json.object()
              .put("thread", "pair:ru:us")
              .put("code", "request-delay");
      coded.putObject("params").put("minutes", 30);
      tak.app.submit(
          tak.member("us-officer"), io.deconflict.service.Deconfliction.HOTLINE_POST, coded);
      CotEvent ru30 =
          ru.await(e -> e.type().equals("b-t-f") && TakClient.text(e).contains("30"), WAIT);
      assertThat(TakClient.text(ru30)).contains("задерж");
      CotEvent us30 =
          us.await(e -> e.type().equals("b-t-f") && TakClient.text(e).contains("30"), WAIT);
      assertThat(TakClient.text(us30)).contains("delay");
      // a thread of other parties is refused as not found
      tr.send(tr.chat("pair:ru:us", "let me in"));
      tr.await(TakClient::isError, WAIT);
      // a room that is not a thread: the sender is told how to write
      us.send(us.chat("All Chat Rooms", "hello"));
      CotEvent help =
          us.await(
              e -> TakClient.isError(e) && TakClient.text(e).contains("not a hotline thread"),
              WAIT);
      assertThat(TakClient.text(help)).contains("ACK al-N");
    }
  }
}
