package io.deconflict.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jspecify.annotations.Nullable;

/**
 * The weekly review of one agreement as a PDF for the commanders' meeting: an A4 document with the
 * agreement, week, parties and terms; every section of the review as tables; the compliance flags
 * with the journal records (sequence number and hash) that prove them; charts of acknowledgement
 * times, conflicts by day and hour and lead times; and a map of the week's conflicts and incidents
 * drawn offline over the web map's own borders and layers.
 *
 * <p>It renders exactly the review it is given (docs/api.md, "Weekly review"): a viewer's review is
 * already restricted to what that viewer was told, so the PDF shows nothing more. All text is real,
 * embedded-font text (searchable, copyable); charts and the map are images. Rendering is pure: the
 * same review and base map give the same document. Thread-safe; a week of a few hundred alerts
 * renders in well under a second, most of it in compressing the images.
 */
public final class ReviewPdf {

  /** The map's size on its page, in points, and its pixels per point. */
  static final float MAP_WIDTH = Layout.WIDTH;

  static final float MAP_HEIGHT = 430;
  static final float MAP_SCALE = 2.5f;
  private static final float CHART_HEIGHT = 190;
  private static final float CHART_SCALE = 2;

  /** A rendered document and where its map went (for tests that look at the pixels). */
  record Rendered(
      byte[] pdf, int mapPage, @Nullable PDRectangle mapBox, @Nullable MapFrame frame) {}

  private static final List<String> KNOWN_TERMS =
      List.of(
          "separationMeters",
          "minimumNotice",
          "emergencyNotice",
          "acknowledgeWithin",
          "escalation",
          "effectiveFrom",
          "sharing",
          "suspended");

  private ReviewPdf() {}

  /**
   * The review as a PDF document.
   *
   * @param review the review's JSON as the service computes it for one viewer
   * @param ground the borders and layers to draw the map on ({@link BaseMap#borders()} and the
   *     deployment's configured layers)
   * @throws IllegalArgumentException when {@code review} is not a review (no agreement or week)
   */
  public static byte[] render(JsonNode review, BaseMap ground) {
    return renderLaidOut(review, ground).pdf();
  }

  static Rendered renderLaidOut(JsonNode json, BaseMap ground) {
    Review review = Review.of(json);
    String footer =
        "Weekly review · agreement "
            + review.text("agreement")
            + " · "
            + review.text("week")
            + " · "
            + viewer(review);
    try (Layout out = new Layout(footer)) {
      front(out, review);
      notifications(out, review);
      conflicts(out, review);
      alerts(out, review);
      escalationsAndHotline(out, review);
      incidents(out, review);
      lapsed(out, review);
      compliance(out, review);
      charts(out, review);
      Rendered map = map(out, review, ground);
      byte[] identity = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return new Rendered(out.finish(identity), map.mapPage(), map.mapBox(), map.frame());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the review's PDF", e);
    }
  }

  private static String viewer(Review r) {
    String v = r.text("viewer");
    return "operators".equals(v) ? "as seen by the operators" : "as seen by " + Review.upper(v);
  }

  private static void front(Layout out, Review r) throws IOException {
    out.newPage();
    out.title("Weekly review — agreement " + r.text("agreement") + ", " + r.text("week"));
    List<String> parties = new ArrayList<>();
    for (JsonNode p : r.path("parties")) {
      parties.add(Review.upper(p.asText()));
    }
    out.facts(
        List.of(
            List.of(
                "Agreement",
                r.text("agreement") + ", version " + Review.count(r.path("agreementVersion"))),
            List.of("Parties", String.join(", ", parties)),
            List.of(
                "Week",
                r.text("week")
                    + ": "
                    + Review.time(r.path("from"))
                    + " to "
                    + Review.time(r.path("until"))
                    + " (UTC)"),
            List.of("Viewer", viewer(r) + ": only what this viewer was told"),
            List.of(
                "Computed up to",
                "journal position "
                    + Review.count(r.path("position"))
                    + (r.path("complete").asBoolean(true)
                        ? " (the week is over)"
                        : " (the week is not over yet: figures so far)"))));
    out.heading("Terms in force");
    JsonNode t = r.path("terms");
    List<List<String>> terms = new ArrayList<>();
    if (t.has("separationMeters")) {
      terms.add(
          List.of(
              "Separation",
              String.format(
                  java.util.Locale.ROOT, "%.0f m", t.path("separationMeters").asDouble())));
    }
    if (t.has("minimumNotice")) {
      terms.add(List.of("Minimum notice", Review.duration(t.path("minimumNotice"))));
    }
    if (t.has("emergencyNotice")) {
      terms.add(List.of("Emergency notice", Review.duration(t.path("emergencyNotice"))));
    }
    if (t.has("acknowledgeWithin")) {
      terms.add(List.of("Acknowledge within", Review.duration(t.path("acknowledgeWithin"))));
    }
    if (t.has("escalation")) {
      List<String> steps = new ArrayList<>();
      for (JsonNode s : t.path("escalation")) {
        steps.add(Review.duration(s));
      }
      terms.add(
          List.of("Escalation after", steps.isEmpty() ? "none" : String.join(", then ", steps)));
    }
    if (t.has("effectiveFrom")) {
      terms.add(List.of("In force from", Review.time(t.path("effectiveFrom"))));
    }
    if (t.path("sharing").isObject()) {
      List<String> sharing = new ArrayList<>();
      for (var e : Review.entries(t.path("sharing"))) {
        sharing.add(Review.upper(e.getKey()) + " shares " + e.getValue().asText());
      }
      terms.add(List.of("Sharing", String.join(", ", sharing)));
    }
    if (t.path("suspended").asBoolean(false)) {
      terms.add(List.of("Suspended", "yes"));
    }
    for (var e : Review.entries(t)) {
      if (!KNOWN_TERMS.contains(e.getKey())) {
        JsonNode v = e.getValue();
        terms.add(List.of(e.getKey(), v.isValueNode() ? v.asText() : v.toString()));
      }
    }
    List<String> versions = new ArrayList<>();
    for (JsonNode v : r.path("versions")) {
      versions.add(
          "version "
              + v.path("version").asText("?")
              + (v.has("effectiveFrom") ? " from " + Review.time(v.path("effectiveFrom")) : "")
              + (v.path("record").has("seq")
                  ? " (journal record " + v.path("record").path("seq").asText() + ")"
                  : ""));
    }
    if (!versions.isEmpty()) {
      terms.add(List.of("Versions in force", String.join("; ", versions)));
    }
    if (terms.isEmpty()) {
      out.text("No terms were given.");
    } else {
      out.facts(terms);
    }
    out.heading("The week in figures");
    int alertsRaised = 0;
    int acknowledged = 0;
    for (var e : Review.entries(r.path("alerts", "byParty"))) {
      alertsRaised += e.getValue().path("raised").asInt();
      acknowledged += e.getValue().path("acknowledged").asInt();
    }
    int notified = 0;
    for (var e : Review.entries(r.path("notifications", "byParty"))) {
      notified += e.getValue().path("total").asInt();
    }
    out.facts(
        List.of(
            List.of("Items notified", Integer.toString(notified)),
            List.of(
                "Conflicts found",
                Review.count(r.path("conflicts", "total"))
                    + " ("
                    + Review.count(r.path("conflicts", "strategic"))
                    + " strategic, "
                    + Review.count(r.path("conflicts", "tactical"))
                    + " tactical)"),
            List.of("Alerts raised", alertsRaised + " (" + acknowledged + " acknowledged)"),
            List.of(
                "Hotline",
                Review.count(r.path("hotline", "threads"))
                    + " threads, "
                    + Review.count(r.path("hotline", "messages"))
                    + " messages"),
            List.of("Incidents", Integer.toString(r.path("incidents").size())),
            List.of("Lapsed sites", Integer.toString(r.path("lapsed").size())),
            List.of("Compliance flags", Integer.toString(r.path("compliance").size()))));
  }

  private static void notifications(Layout out, Review r) throws IOException {
    out.heading("Notifications");
    var parties = Review.entries(r.path("notifications", "byParty"));
    if (parties.isEmpty()) {
      out.text("No item was notified this week.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (var e : parties) {
      JsonNode n = e.getValue();
      rows.add(
          List.of(
              Review.upper(e.getKey()),
              Review.count(n.path("total")),
              Review.count(n.path("onTime")),
              Review.count(n.path("late")),
              Review.count(n.path("emergency")),
              Review.count(n.path("revised")),
              Review.count(n.path("cancelled"))));
    }
    out.table(
        List.of("party", "notified", "on time", "late", "emergency", "revised", "cancelled"),
        new float[] {2, 1, 1, 1, 1, 1, 1},
        rows);
  }

  private static void conflicts(Layout out, Review r) throws IOException {
    out.heading("Conflicts");
    JsonNode c = r.path("conflicts");
    List<Double> lead = Review.numbers(c.path("leadSeconds"));
    out.text(
        Review.plural(c.path("total").asLong(), "conflict")
            + ": "
            + Review.count(c.path("strategic"))
            + " strategic (found from notified plans), "
            + Review.count(c.path("tactical"))
            + " tactical (found from live positions)."
            + (lead.isEmpty()
                ? ""
                : " Lead time, from first alert to the conflict's start: median "
                    + Review.seconds(Review.median(lead))
                    + ", shortest "
                    + Review.seconds(
                        lead.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN))
                    + "."));
    out.space(4);
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode k : c.path("list")) {
      List<String> parties = new ArrayList<>();
      for (JsonNode p : k.path("parties")) {
        parties.add(Review.upper(p.asText()));
      }
      rows.add(
          List.of(
              k.path("alert").asText(""),
              k.path("kind").asText(""),
              String.join(" / ", parties),
              Review.time(k.path("start")) + "\n→ " + Review.time(k.path("closestAt")),
              k.path("distanceMeters").isNumber()
                  ? String.format(
                      java.util.Locale.ROOT, "%.0f m", k.path("distanceMeters").asDouble())
                  : "—",
              k.path("leadSeconds").isNumber()
                  ? Review.seconds(k.path("leadSeconds").asDouble())
                  : "—",
              Review.position(k.path("position"))));
    }
    if (!rows.isEmpty()) {
      out.table(
          List.of("alert", "kind", "parties", "start → closest", "closest", "lead", "where"),
          new float[] {0.8f, 1.9f, 1.1f, 2, 1.1f, 1.4f, 2.3f},
          rows);
    }
  }

  private static void alerts(Layout out, Review r) throws IOException {
    out.heading("Alerts and acknowledgements");
    var parties = Review.entries(r.path("alerts", "byParty"));
    if (parties.isEmpty()) {
      out.text("No alert was raised this week.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (var e : parties) {
      JsonNode a = e.getValue();
      List<Double> ack = Review.numbers(a.path("ackSeconds"));
      JsonNode level = a.path("byLevel");
      rows.add(
          List.of(
              Review.upper(e.getKey()),
              Review.count(a.path("raised")),
              Review.count(a.path("acknowledged")),
              Review.count(a.path("unacknowledged")),
              Review.seconds(Review.median(ack)),
              Review.seconds(Review.max(ack)),
              Review.count(level.path("1")),
              Review.count(level.path("2")),
              Review.count(level.path("3"))));
    }
    out.table(
        List.of(
            "recipient",
            "raised",
            "acknowledged",
            "unacknowledged",
            "median ack.",
            "slowest ack.",
            "level 1",
            "level 2",
            "level 3"),
        new float[] {1.2f, 0.9f, 1.3f, 1.4f, 1.3f, 1.3f, 0.8f, 0.8f, 0.8f},
        rows);
    out.note("Levels: the highest escalation level each alert reached (1: the duty officer).");
  }

  private static void escalationsAndHotline(Layout out, Review r) throws IOException {
    out.heading("Escalations and hotline");
    var parties = Review.entries(r.path("escalations", "byParty"));
    if (parties.isEmpty()) {
      out.text("No escalation this week.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (var e : parties) {
        JsonNode x = e.getValue();
        rows.add(
            List.of(
                Review.upper(e.getKey()),
                Review.count(x.path("level2")),
                Review.count(x.path("level3")),
                Review.count(x.path("overdue"))));
      }
      out.table(
          List.of("party", "to level 2", "to level 3", "overdue"), new float[] {2, 1, 1, 1}, rows);
    }
    JsonNode h = r.path("hotline");
    List<String> by = new ArrayList<>();
    for (var e : Review.entries(h.path("byParty"))) {
      by.add(Review.upper(e.getKey()) + " " + Review.count(e.getValue()));
    }
    out.text(
        "Hotline: "
            + Review.count(h.path("threads"))
            + " threads, "
            + Review.count(h.path("messages"))
            + " messages"
            + (by.isEmpty() ? "." : " (" + String.join(", ", by) + ")."));
  }

  private static void incidents(Layout out, Review r) throws IOException {
    out.heading("Incidents");
    if (r.path("incidents").isEmpty()) {
      out.text("No incident was recorded this week.");
      return;
    }
    for (JsonNode i : r.path("incidents")) {
      out.need(60);
      out.paragraph(
          i.path("id").asText("")
              + " · "
              + Review.time(i.path("time"))
              + " · "
              + Review.position(i.path("position"))
              + " · recorded by "
              + Review.upper(i.path("recordedBy").asText("")),
          9.5f,
          new java.awt.Color(0x1f3f6f));
      out.text(i.path("summary").asText(""));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode a : i.path("accounts")) {
        rows.add(
            List.of(
                Review.upper(a.path("by").asText("")),
                Review.time(a.path("at")),
                a.path("text").asText("")));
      }
      if (!rows.isEmpty()) {
        out.space(2);
        out.table(List.of("account by", "at", "account"), new float[] {1, 1.5f, 6}, rows);
      } else {
        out.space(4);
      }
    }
  }

  private static void lapsed(Layout out, Review r) throws IOException {
    out.heading("Lapsed sites");
    if (r.path("lapsed").isEmpty()) {
      out.text("No site lapsed this week.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode l : r.path("lapsed")) {
      rows.add(
          List.of(
              Review.upper(l.path("party").asText("")),
              l.path("kind").asText(""),
              l.path("id").asText(""),
              Review.time(l.path("lapsedSince")),
              l.path("restoredAt").isNull() || l.path("restoredAt").isMissingNode()
                  ? "not restored"
                  : Review.time(l.path("restoredAt"))));
    }
    out.table(
        List.of("party", "kind", "id", "lapsed since", "restored"),
        new float[] {1, 1, 1, 2, 2},
        rows);
  }

  private static void compliance(Layout out, Review r) throws IOException {
    out.heading("Compliance with the terms");
    if (r.path("compliance").isEmpty()) {
      out.text("No breach of the agreement's terms was found in what this viewer was told.");
      return;
    }
    out.note(
        "Each flag names the journal records that prove it: check them with `deconflict audit`"
            + " against the hash chain.");
    out.space(3);
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode f : r.path("compliance")) {
      List<String> records = new ArrayList<>();
      for (JsonNode rec : f.path("records")) {
        records.add(
            "seq "
                + rec.path("seq").asText("?")
                + " "
                + rec.path("type").asText("")
                + "\nhash "
                + rec.path("hash").asText(""));
      }
      rows.add(
          List.of(
              f.path("rule").asText(""),
              Review.upper(f.path("party").asText("")),
              f.path("subject").asText(""),
              f.path("detail").asText(""),
              Review.time(f.path("at")),
              String.join("\n", records)));
    }
    out.table(
        List.of("rule", "party", "subject", "what", "at", "journal records"),
        new float[] {1.45f, 0.6f, 1.2f, 2.8f, 1.25f, 3.7f},
        rows);
  }

  private static void charts(Layout out, Review r) throws IOException {
    out.newPage();
    out.heading("Charts");
    int w = Math.round(Layout.WIDTH);
    int h = Math.round(CHART_HEIGHT);
    Map<String, List<Double>> ack = r.acknowledgementSeconds();
    out.text("Acknowledgement times: how long each party's duty officers took to acknowledge.");
    out.image(Charts.acknowledgement(ack, w, h, CHART_SCALE), Layout.WIDTH, CHART_HEIGHT);
    List<String> perParty = new ArrayList<>();
    for (var e : ack.entrySet()) {
      perParty.add(Review.upper(e.getKey()) + ": " + classes(Bins.ACKNOWLEDGEMENT, e.getValue()));
    }
    JsonNode within = r.path("terms", "acknowledgeWithin");
    out.note(
        (perParty.isEmpty() ? "No alert was acknowledged." : String.join("; ", perParty) + ".")
            + (within.isMissingNode()
                ? ""
                : " The agreement asks for acknowledgement within "
                    + Review.duration(within)
                    + "."));
    out.space(6);
    out.text("Conflicts by day and hour: when in the week the conflicts would have begun (UTC).");
    int[][] dayHour = r.dayHour();
    out.image(Charts.dayHour(dayHour, w, h, CHART_SCALE), Layout.WIDTH, CHART_HEIGHT);
    List<String> cells = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      for (int hour = 0; hour < 24; hour++) {
        if (dayHour[d][hour] > 0) {
          cells.add(
              String.format(
                  java.util.Locale.ROOT, "%s %02d:00 %d", Charts.DAYS[d], hour, dayHour[d][hour]));
        }
      }
    }
    out.note(cells.isEmpty() ? "No conflict this week." : String.join(", ", cells) + ".");
    out.space(6);
    out.text("Lead times: how long before a conflict would have begun its first alert was raised.");
    List<Double> lead = Review.numbers(r.path("conflicts", "leadSeconds"));
    out.image(Charts.lead(lead, w, h, CHART_SCALE), Layout.WIDTH, CHART_HEIGHT);
    out.note(lead.isEmpty() ? "No conflict this week." : classes(Bins.LEAD, lead) + ".");
  }

  /** "label count" for each non-empty class, e.g. {@code < 1 min 2, 2–5 min 1}. */
  private static String classes(Bins bins, List<Double> values) {
    int[] counts = bins.count(values);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.add(bins.labels().get(i) + " " + counts[i]);
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static Rendered map(Layout out, Review r, BaseMap ground) throws IOException {
    out.newPage();
    out.heading("Where: the week's conflicts and incidents");
    List<MapImage.Mark> marks = r.marks();
    if (marks.isEmpty()) {
      out.text("No conflict or incident had a place this week: there is nothing to map.");
      return new Rendered(new byte[0], out.page(), null, null);
    }
    List<double[]> positions = new ArrayList<>();
    for (MapImage.Mark m : marks) {
      positions.add(new double[] {m.lon(), m.lat()});
    }
    MapFrame frame =
        MapFrame.fit(
            positions, Math.round(MAP_WIDTH * MAP_SCALE), Math.round(MAP_HEIGHT * MAP_SCALE));
    PDRectangle box =
        out.image(MapImage.draw(ground, marks, frame, MAP_SCALE), MAP_WIDTH, MAP_HEIGHT);
    int page = out.page();
    out.note(
        "Red disc: a conflict, at its closest point. Orange triangle: an incident. Web Mercator;"
            + " borders from Natural Earth (world-atlas), as on the web map.");
    out.space(3);
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode p : r.path("places")) {
      rows.add(
          List.of(
              p.path("kind").asText(""),
              p.path("id").asText(""),
              Review.time(p.path("time")),
              Review.position(p.path("position"))));
    }
    out.table(List.of("kind", "id", "time", "where"), new float[] {1, 1, 1.6f, 2}, rows);
    return new Rendered(new byte[0], page, box, frame);
  }
}
