package io.deconflict.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Application;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Tokens;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo: the real service on a {@link SimulatedClock}, loaded with a scenario over its own HTTP
 * API, with scripted actors for the parties nobody plays and live track reports.
 *
 * <p>How it loads. The demo takes the scenario's items that matter from its start time on: the
 * movements that have not ended by then and start within {@link Options#horizon()}, and the zones
 * and sites valid in that time. Each movement is notified at its {@code notifyAt} (the scenario's
 * invented "when the party notified it"), never earlier and never all at once, so nothing is
 * flagged late that was not late: those due before the start are notified first, with the clock
 * stopped and set forward to each one's time in turn (the journal then records them at their own
 * times), and the rest as the running clock reaches them. Before them, at one hour before the
 * earliest, the operator records the agreements and each party's officer notifies its zones and
 * sites.
 *
 * <p>While it runs. A single driver thread, every {@link #DRIVER_PERIOD_MILLIS} ms of real time:
 * notifies the movements now due (the clock is held at the next one's time until it is made, so
 * none is made late, whatever the speed); every {@link Options#reportEvery()} of scenario time,
 * posts the position of every running unit (from {@link Reports}) as its party's officer; every
 * {@link Options#pollEvery()} of real time, lets each scripted party's officer read its open alerts
 * and acknowledge each with a read-back of the alert's own start, end and location (seen, not
 * approved), and answer the hotline messages played parties wrote to it. Scripted actors also act
 * right after each notification while loading.
 *
 * <p>Thread-safe: the driver owns the scenario's state; {@link #clock()} may be changed from any
 * thread.
 */
public final class Demo implements AutoCloseable {

  /** How often the driver looks at the clock, in real milliseconds. */
  static final long DRIVER_PERIOD_MILLIS = 100;

  /**
   * What to run.
   *
   * @param start the scenario time the clock shows when the demo is loaded
   * @param speed scenario seconds per real second
   * @param paused whether the clock stays stopped once loaded
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param dataDirectory where the journal is written; it must hold no journal yet
   * @param played the parties people play: nobody acts for them
   * @param seed the seed of the track reports
   * @param reportEvery scenario time between two reports of a unit
   * @param pollEvery real time between two looks of the scripted actors at their alerts
   * @param horizon how far after the start the demo takes movements in
   */
  public record Options(
      Instant start,
      double speed,
      boolean paused,
      String host,
      int port,
      Path dataDirectory,
      Set<String> played,
      long seed,
      Duration reportEvery,
      Duration pollEvery,
      Duration horizon) {

    /** The default start: 2022-10-08T04:00:00Z, hours before the al-Qahtaniyah crossing. */
    public static final Instant DEFAULT_START = Instant.parse("2022-10-08T04:00:00Z");

    /** Checks the numbers; copies the set. */
    public Options {
      played = Set.copyOf(played);
      if (!(speed > 0) || speed > SimulatedClock.MAX_SPEED) {
        throw new IllegalArgumentException(
            "speed must be in (0, " + (long) SimulatedClock.MAX_SPEED + "], got " + speed);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      for (Duration d : List.of(reportEvery, pollEvery, horizon)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("durations must be positive, got " + d);
        }
      }
    }

    /**
     * The defaults: start {@link #DEFAULT_START}, 60 times real time, running, {@code
     * 127.0.0.1:8080}, {@code us} and {@code ru} played, reports every 30 s, scripted actors
     * looking every 2 s, 36 hours of movements.
     */
    public static Options defaults(Path dataDirectory) {
      return new Options(
          DEFAULT_START,
          60,
          false,
          Configuration.DEFAULT_HOST,
          Configuration.DEFAULT_PORT,
          dataDirectory,
          Set.of("us", "ru"),
          1,
          Duration.ofSeconds(30),
          Duration.ofSeconds(2),
          Duration.ofHours(36));
    }

    /** These options with another start. */
    public Options withStart(Instant newStart) {
      return new Options(
          newStart,
          speed,
          paused,
          host,
          port,
          dataDirectory,
          played,
          seed,
          reportEvery,
          pollEvery,
          horizon);
    }

    /** These options with another speed and pause state. */
    public Options withClock(double newSpeed, boolean newPaused) {
      return new Options(
          start,
          newSpeed,
          newPaused,
          host,
          port,
          dataDirectory,
          played,
          seed,
          reportEvery,
          pollEvery,
          horizon);
    }

    /** These options with another address. */
    public Options withAddress(String newHost, int newPort) {
      return new Options(
          start,
          speed,
          paused,
          newHost,
          newPort,
          dataDirectory,
          played,
          seed,
          reportEvery,
          pollEvery,
          horizon);
    }

    /** These options with other played parties. */
    public Options withPlayed(Set<String> newPlayed) {
      return new Options(
          start,
          speed,
          paused,
          host,
          port,
          dataDirectory,
          newPlayed,
          seed,
          reportEvery,
          pollEvery,
          horizon);
    }

    /** These options with another polling period of the scripted actors. */
    public Options withPollEvery(Duration newPollEvery) {
      return new Options(
          start,
          speed,
          paused,
          host,
          port,
          dataDirectory,
          played,
          seed,
          reportEvery,
          newPollEvery,
          horizon);
    }
  }

  /**
   * A member's sign-in.
   *
   * @param party the member's party ({@code mechanism} for the operator)
   * @param member the member id
   * @param role its role
   * @param token its bearer token, made for this run
   */
  public record Login(String party, String member, String role, String token) {}

  private final Scenario scenario;
  private final Options options;
  private final SimulatedClock clock;
  private final PrintWriter out;
  private final Map<String, Login> logins = new LinkedHashMap<>();
  private final Map<String, Login> officers = new LinkedHashMap<>();
  private final Deque<ObjectNode> pending = new ArrayDeque<>();
  private final List<ObjectNode> movements = new ArrayList<>();
  private final Set<String> scripted = new LinkedHashSet<>();
  private final Set<String> answered = new java.util.HashSet<>();
  private final ServiceRuntime runtime;
  private final ApiServer server;
  private final Directory directory;
  private final ApiClient api;
  private final Reports reports;
  private final ScheduledExecutorService driver;
  private Instant nextReport = Instant.MIN;
  private long nextPollNanos;
  private int notified;
  private int acknowledged;
  private int reported;

  private Demo(Scenario scenario, Options options, PrintWriter out) {
    this.scenario = scenario;
    this.options = options;
    this.out = out;
    for (String p : options.played()) {
      scenario.party(p); // throws for an unknown party
    }
    selectMovements();
    // stopped, an hour before the first notification: the clock only ever moves forward from here
    this.clock =
        SimulatedClock.startingAt(
            firstNotification().minus(Duration.ofHours(1)), options.speed(), true);
    Configuration config = configuration();
    this.directory = config.directory();
    this.runtime =
        ServiceRuntime.open(
            config.dataDirectory(), config.directory(), config.defaults(), clock, 200);
    try {
      this.server = ApiServer.start(runtime.application(), config, clock, mapLayers(scenario));
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    try {
      this.api = new ApiClient(server.uri());
      this.reports = Reports.of(movements, options.seed());
      for (Scenario.Party p : scenario.parties()) {
        if (!options.played().contains(p.id()) && officers.containsKey(p.id())) {
          scripted.add(p.id());
        }
      }
      load();
    } catch (RuntimeException e) {
      server.close();
      runtime.close();
      throw e;
    }
    this.driver =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "deconflict-demo");
              t.setDaemon(true);
              return t;
            });
    driver.scheduleWithFixedDelay(
        this::drive, DRIVER_PERIOD_MILLIS, DRIVER_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the service, loads the scenario through its API and lets the clock run (unless {@code
   * options.paused()}).
   *
   * @param out where the demo says what it does (notifications, acknowledgements, problems)
   * @throws DemoException if the scenario cannot be loaded
   */
  public static Demo start(Scenario scenario, Options options, PrintWriter out) {
    return new Demo(scenario, options, out);
  }

  /** The scenario clock; pause, resume or change its speed at will. */
  public SimulatedClock clock() {
    return clock;
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  public URI uri() {
    return server.uri();
  }

  /** The running service, for other transports (the TAK listener). */
  public Application application() {
    return runtime.application();
  }

  /** The parties and members the demo configured. */
  public Directory directory() {
    return directory;
  }

  /** The web map's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI webUri() {
    return server.webUri();
  }

  /**
   * A link that opens the web map signed in as {@code login}: the token travels in the fragment,
   * which the browser never sends to any server; the page moves it to its session storage.
   */
  public URI signInLink(Login login) {
    return URI.create(server.webUri() + "#token=" + login.token());
  }

  /** The journal file. */
  public Path journalFile() {
    return ServiceRuntime.journalFile(options.dataDirectory());
  }

  /** Every member's sign-in, parties in scenario order, the operator last. */
  public List<Login> logins() {
    return List.copyOf(logins.values());
  }

  /** One sign-in per party, for people: its officer (observer for a party without one). */
  public List<Login> partyLogins() {
    List<Login> out = new ArrayList<>();
    for (Scenario.Party p : scenario.parties()) {
      logins.values().stream()
          .filter(l -> l.party().equals(p.id()))
          .min(Comparator.comparing(l -> l.role().equals("officer") ? 0 : 1))
          .ifPresent(out::add);
    }
    logins.values().stream()
        .filter(l -> l.party().equals(Scenario.MECHANISM))
        .findFirst()
        .ifPresent(out::add);
    return out;
  }

  /** The parties the demo acts for, in scenario order. */
  public List<String> scripted() {
    return List.copyOf(scripted);
  }

  /** One line on where the demo is: clock, speed, counts. */
  public synchronized String status() {
    ObjectNode next = pending.peekFirst();
    return "clock "
        + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + (clock.paused() ? " (paused)" : " at " + formatSpeed(clock.speed()) + "x")
        + "; "
        + notified
        + " movements notified, "
        + pending.size()
        + " to come"
        + (next == null ? "" : " (next at " + scenario.notifyAt().get(Scenario.idOf(next)) + ")")
        + "; "
        + reported
        + " track reports; "
        + acknowledged
        + " alerts acknowledged by scripted parties";
  }

  static String formatSpeed(double speed) {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  /** Stops the driver and the service; the journal stays in the data directory. */
  @Override
  public void close() {
    driver.shutdownNow();
    try {
      driver.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    runtime.close();
  }

  // ---------------------------------------------------------------------------------------------
  // setting up

  /** The scenario's places and roads, drawn by the web map under the parties' items. */
  private static MapLayers mapLayers(Scenario scenario) {
    return MapLayers.of(
        List.of(
            new MapLayers.Layer("roads", "Main roads", featureCollection(scenario.roads())),
            new MapLayers.Layer("places", "Places", featureCollection(scenario.places()))));
  }

  private static ObjectNode featureCollection(List<ObjectNode> features) {
    ObjectNode fc = JsonNodeFactory.instance.objectNode().put("type", "FeatureCollection");
    ArrayNode list = fc.putArray("features");
    features.forEach(list::add);
    return fc;
  }

  private Configuration configuration() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("host", options.host());
    root.put("port", options.port());
    root.put("data", options.dataDirectory().toString());
    // the demo prints its tokens for anyone to use: it may be shown on a network in plain HTTP
    root.putObject("server").put("allowPlainHttp", true);
    ArrayNode parties = root.putArray("parties");
    ArrayNode members = root.putArray("members");
    for (Scenario.Party p : scenario.parties()) {
      parties.addObject().put("id", p.id()).put("name", p.name()).put("language", p.language());
      for (Scenario.Member m : p.members()) {
        addMember(members, p.id(), m);
      }
    }
    for (Scenario.Member m : scenario.operators()) {
      addMember(members, Scenario.MECHANISM, m);
    }
    if (ServiceRuntime.journalFile(options.dataDirectory()).toFile().exists()) {
      throw new DemoException(
          "the data directory "
              + options.dataDirectory()
              + " already holds a journal; the demo needs an empty one");
    }
    return Configuration.parse(root, Map.of());
  }

  private void addMember(ArrayNode members, String party, Scenario.Member m) {
    String token = Tokens.newToken();
    members
        .addObject()
        .put("id", m.id())
        .put("party", party)
        .put("role", m.role())
        .put("name", m.name())
        .put("tokenSha256", Tokens.sha256(token));
    Login login = new Login(party, m.id(), m.role(), token);
    logins.put(m.id(), login);
    if (m.role().equals("officer") && !officers.containsKey(party)) {
      officers.put(party, login);
    }
  }

  private void selectMovements() {
    Instant from = options.start();
    Instant until = from.plus(options.horizon());
    for (ObjectNode m : scenario.movements()) {
      if (Scenario.end(m).isAfter(from) && Scenario.start(m).isBefore(until)) {
        movements.add(m);
      }
    }
    movements.sort(Comparator.comparing(m -> notifyAt(m)));
  }

  private Instant notifyAt(ObjectNode movement) {
    Instant at = scenario.notifyAt().get(Scenario.idOf(movement));
    return at == null ? Scenario.start(movement).minus(Duration.ofHours(24)) : at;
  }

  private boolean validInWindow(ObjectNode item) {
    JsonNode p = item.path("properties");
    Instant until = options.start().plus(options.horizon());
    boolean startsInTime =
        !p.has("validFrom") || Instant.parse(p.path("validFrom").asText()).isBefore(until);
    boolean endsAfter =
        !p.has("validUntil")
            || Instant.parse(p.path("validUntil").asText()).isAfter(options.start());
    return startsInTime && endsAfter;
  }

  private Login officer(String party) {
    Login l = officers.get(party);
    if (l == null) {
      throw new DemoException("party " + party + " has no officer to notify its items");
    }
    return l;
  }

  /** When the first movement is notified, or the start if later. */
  private Instant firstNotification() {
    Instant first = options.start();
    for (ObjectNode m : movements) {
      Instant at = notifyAt(m);
      if (at.isBefore(first)) {
        first = at;
      }
    }
    return first;
  }

  private void load() {
    Login operator =
        logins.values().stream()
            .filter(l -> l.role().equals("operator"))
            .findFirst()
            .orElseThrow(() -> new DemoException("the scenario has no operator"));
    for (Scenario.AgreementPlan plan : scenario.agreements()) {
      String id = "";
      for (ObjectNode version : plan.versions()) {
        if (id.isEmpty()) {
          id =
              api.require(
                      api.post(operator.token(), "/agreements", version),
                      "recording agreement " + plan.key())
                  .path("id")
                  .asText();
        } else {
          api.require(
              api.put(operator.token(), "/agreements/" + id, version),
              "revising agreement " + plan.key());
        }
      }
    }
    for (ObjectNode zone : scenario.zones()) {
      if (validInWindow(zone)) {
        post("/zones", zone);
      }
    }
    for (ObjectNode site : scenario.sites()) {
      if (validInWindow(site)) {
        post("/sites", site);
      }
    }
    for (ObjectNode m : movements) {
      Instant at = notifyAt(m);
      if (at.isAfter(options.start())) {
        pending.add(m);
        continue;
      }
      if (at.isAfter(clock.instant())) {
        clock.setTo(at);
      }
      notifyMovement(m);
      actForScriptedParties();
    }
    clock.setTo(options.start());
    holdForNext();
    nextPollNanos = System.nanoTime();
    if (!options.paused()) {
      clock.resume();
    }
  }

  private void post(String path, ObjectNode feature) {
    String party = Scenario.partyOf(feature);
    api.require(
        api.post(officer(party).token(), path, feature),
        "notifying " + path.substring(1, path.length() - 1) + " " + Scenario.idOf(feature));
  }

  private void notifyMovement(ObjectNode m) {
    post("/movements", m);
    synchronized (this) {
      notified++;
    }
    if (m.path("properties").has("encounter")) {
      say(
          Scenario.partyOf(m)
              + " notified "
              + Scenario.idOf(m)
              + " (encounter "
              + m.path("properties").path("encounter").asInt()
              + "), starting "
              + Scenario.start(m));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // running

  private void drive() {
    try {
      Instant now = clock.instant();
      while (true) {
        ObjectNode next;
        synchronized (this) {
          next = pending.peekFirst();
          if (next == null || notifyAt(next).isAfter(now)) {
            break;
          }
          pending.removeFirst();
        }
        notifyMovement(next);
      }
      holdForNext();
      if (!now.isBefore(nextReport)) {
        report(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        nextReport = now.plus(options.reportEvery());
      }
      if (System.nanoTime() - nextPollNanos >= 0) {
        actForScriptedParties();
        answerForScriptedParties();
        nextPollNanos = System.nanoTime() + options.pollEvery().toNanos();
      }
    } catch (RuntimeException e) {
      say("problem: " + e.getMessage());
    }
  }

  /** Holds the clock at the next notification, so that it is made at its time exactly. */
  private void holdForNext() {
    ObjectNode next;
    synchronized (this) {
      next = pending.peekFirst();
    }
    clock.holdAt(next == null ? null : notifyAt(next));
  }

  private void report(Instant now) {
    Map<String, ArrayNode> byParty = new LinkedHashMap<>();
    for (Reports.Report r : reports.at(now)) {
      byParty.computeIfAbsent(r.party(), k -> JsonNodeFactory.instance.arrayNode()).add(r.toJson());
    }
    for (Map.Entry<String, ArrayNode> e : byParty.entrySet()) {
      api.require(
          api.post(officer(e.getKey()).token(), "/positions", e.getValue()),
          "reporting positions of " + e.getKey());
      synchronized (this) {
        reported += e.getValue().size();
      }
    }
  }

  /**
   * Each scripted party's officer accepts every joint movement naming its party that it has not
   * answered yet (D39), and acknowledges every open alert, reading back what it says.
   */
  private void actForScriptedParties() {
    for (String party : scripted) {
      acceptJointMovements(party);
    }
    for (String party : scripted) {
      Login officer = officer(party);
      JsonNode alerts =
          api.require(
                  api.get(officer.token(), "/alerts?state=open&limit=1000"),
                  "reading the alerts of " + party)
              .path("alerts");
      for (JsonNode alert : alerts) {
        JsonNode location = alert.path("location");
        if (!alert.has("start") || !alert.has("end") || !location.isArray()) {
          continue;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode readBack = body.putObject("readBack");
        readBack.put("start", alert.path("start").asText());
        readBack.put("end", alert.path("end").asText());
        readBack.putArray("place").add(location.get(0).asDouble()).add(location.get(1).asDouble());
        String id = alert.path("id").asText();
        ApiClient.Response r = api.post(officer.token(), "/alerts/" + id + "/acknowledge", body);
        if (r.ok()) {
          synchronized (this) {
            acknowledged++;
          }
          say(
              party
                  + " acknowledged "
                  + id
                  + " ("
                  + alert.path("kind").asText()
                  + ", from "
                  + alert.path("start").asText()
                  + "): seen, not approved");
        } else if (r.status() != 409) {
          say(party + " could not acknowledge " + id + ": " + r.body().path("detail").asText());
        }
      }
    }
  }

  /** A scripted party's officer accepts the joint movements whose answer it owes. */
  private void acceptJointMovements(String party) {
    Login officer = officer(party);
    JsonNode movements =
        api.require(
                api.get(officer.token(), "/movements?scope=visible"),
                "reading the movements " + party + " sees")
            .path("movements");
    for (JsonNode m : movements) {
      for (JsonNode p : m.path("joint").path("participants")) {
        if (!p.path("party").asText().equals(party)
            || !p.path("participation").asText().equals("pending")) {
          continue;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("party", m.path("party").asText()).put("decision", "accept");
        body.put("version", m.path("version").asInt());
        String id = m.path("id").asText();
        ApiClient.Response r =
            api.post(officer.token(), "/movements/" + id + "/participation", body);
        if (r.ok()) {
          say(
              party
                  + " accepted joint movement "
                  + m.path("party").asText()
                  + "/"
                  + id
                  + ": it is "
                  + r.body().path("status").asText());
        } else if (r.status() != 409) {
          say(party + " could not answer for " + id + ": " + r.body().path("detail").asText());
        }
      }
    }
  }

  /**
   * Each scripted party's officer answers, on the same thread, every hotline message a party that
   * somebody plays (or an operator) wrote to it since it last looked: a request to delay with the
   * same delay, a request to confirm a location by confirming it, a request to change route with
   * "unable to comply", anything else with a plain acknowledgement of receipt.
   */
  private void answerForScriptedParties() {
    for (String party : scripted) {
      Login officer = officer(party);
      JsonNode threads =
          api.require(
                  api.get(officer.token(), "/hotline/threads"), "reading the threads of " + party)
              .path("threads");
      for (JsonNode thread : threads) {
        String id = thread.asText();
        JsonNode messages =
            api.require(
                    api.get(officer.token(), "/hotline/threads/" + id + "/messages?lang=en"),
                    "reading " + id + " as " + party)
                .path("messages");
        for (JsonNode message : messages) {
          String from = message.path("party").asText();
          if (scripted.contains(from) || !answered.add(party + " " + message.path("id").asText())) {
            continue;
          }
          Optional<ObjectNode> answer = answerTo(message);
          if (answer.isEmpty()) {
            continue;
          }
          ApiClient.Response r =
              api.post(officer.token(), "/hotline/threads/" + id + "/messages", answer.get());
          if (r.ok()) {
            say(
                party
                    + " answered "
                    + from
                    + " on "
                    + id
                    + ": "
                    + answer.get().path("code").asText());
          } else {
            say(party + " could not answer on " + id + ": " + r.body().path("detail").asText());
          }
        }
      }
    }
  }

  /**
   * What a scripted party answers to a hotline message: empty for an acknowledgement or an all
   * clear, which need no answer.
   */
  static Optional<ObjectNode> answerTo(JsonNode message) {
    String code = message.path("code").asText("");
    JsonNode params = message.path("params");
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    switch (code) {
      case "acknowledge", "all-clear" -> {
        return Optional.empty();
      }
      case "request-delay" -> {
        reply.put("code", "will-delay");
        reply.putObject("params").set("minutes", params.path("minutes"));
      }
      case "request-confirm-location" -> {
        reply.put("code", "location-confirmed");
        reply.putObject("params").set("place", params.path("place"));
      }
      case "request-route-change" -> {
        reply.put("code", "unable-to-comply");
        reply.putObject("params");
      }
      default -> {
        reply.put("code", "acknowledge");
        reply.putObject("params");
      }
    }
    return Optional.of(reply);
  }

  private void say(String line) {
    synchronized (out) {
      out.println(
          "[" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "] " + line);
      out.flush();
    }
  }
}
