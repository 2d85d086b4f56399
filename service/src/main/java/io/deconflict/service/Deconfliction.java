package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.PositionReport;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.Agreements;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.AlertBook;
import io.deconflict.service.alert.AlertState;
import io.deconflict.service.alert.ArchivedConflict;
import io.deconflict.service.alert.EscalationLadder;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.command.AccountIncident;
import io.deconflict.service.command.AcknowledgeAlert;
import io.deconflict.service.command.AnswerParticipation;
import io.deconflict.service.command.CancelItem;
import io.deconflict.service.command.ChangeSettings;
import io.deconflict.service.command.Command;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.command.Decimal;
import io.deconflict.service.command.DeclareFormation;
import io.deconflict.service.command.DeconflictAlert;
import io.deconflict.service.command.FindConflict;
import io.deconflict.service.command.IsoDuration;
import io.deconflict.service.command.IsoInstant;
import io.deconflict.service.command.NotifyItem;
import io.deconflict.service.command.PostMessage;
import io.deconflict.service.command.ReadBack;
import io.deconflict.service.command.ReconfirmItem;
import io.deconflict.service.command.RecordIncident;
import io.deconflict.service.command.RecordRefusedSignIn;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.command.ResumeAgreement;
import io.deconflict.service.command.ReviseIncident;
import io.deconflict.service.command.RevokeTokens;
import io.deconflict.service.command.SetAgreement;
import io.deconflict.service.command.SuspendAgreement;
import io.deconflict.service.command.Tick;
import io.deconflict.service.hotline.CodedMessage;
import io.deconflict.service.hotline.Hotline;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.hotline.MessageCode;
import io.deconflict.service.hotline.ParamValue;
import io.deconflict.service.incident.Incidents;
import io.deconflict.service.joint.Participations;
import io.deconflict.service.notification.LateNotice;
import io.deconflict.service.notification.Notifications;
import io.deconflict.service.notification.Notified;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.proposal.Acceptance;
import io.deconflict.service.proposal.Proposals;
import io.deconflict.service.reconfirm.Reconfirmations;
import io.deconflict.service.retention.Archive;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.retention.Retired;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateFormat;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import io.deconflict.service.view.AgreementViews;
import io.deconflict.service.view.AlertView;
import io.deconflict.service.view.AlertViews;
import io.deconflict.service.view.ItemViews;
import io.deconflict.service.view.ProposalView;
import io.deconflict.service.view.TrackView;
import io.deconflict.service.visibility.Visibility;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The deterministic state machine of the service: a command and the time it was accepted in, the
 * facts to journal out. The same commands at the same times always yield the same facts and the
 * same state, which is how a restart rebuilds the state from the journal.
 *
 * <p>Each command is checked completely before anything changes, so a refused command ({@link
 * ServiceException}) leaves no trace. Not thread-safe: {@link Application} serialises access.
 */
public final class Deconfliction implements Queries {

  /** Read-back tolerance in time: the stated window may differ by up to this much. */
  public static final Duration READ_BACK_TIME_TOLERANCE = AlertBook.READ_BACK_TIME_TOLERANCE;

  /** Read-back tolerance in place: the stated location may be this far from the alert's. */
  public static final double READ_BACK_DISTANCE_METERS = AlertBook.READ_BACK_DISTANCE_METERS;

  /** Fact and command types. */
  public static final String AGREEMENT_SET = SetAgreement.TYPE;

  public static final String AGREEMENT_SUSPEND = SuspendAgreement.TYPE;
  public static final String AGREEMENT_RESUME = ResumeAgreement.TYPE;
  public static final String ITEM_NOTIFY = NotifyItem.TYPE;
  public static final String ITEM_CANCEL = CancelItem.TYPE;
  public static final String ITEM_RECONFIRM = ReconfirmItem.TYPE;
  public static final String MOVEMENT_PARTICIPATION = AnswerParticipation.TYPE;
  public static final String MOVEMENT_JOINT = "movement.joint";
  public static final String ITEM_DUE = "item.due";
  public static final String ITEM_LAPSED = "item.lapsed";
  public static final String ITEM_RESTORED = "item.restored";
  public static final String ALERT_ACKNOWLEDGE = AcknowledgeAlert.TYPE;
  public static final String ALERT_DECONFLICT = DeconflictAlert.TYPE;
  public static final String CLOCK_TICK = Tick.TYPE;
  public static final String HOTLINE_POST = PostMessage.TYPE;
  public static final String INCIDENT_RECORD = RecordIncident.TYPE;
  public static final String INCIDENT_REVISE = ReviseIncident.TYPE;
  public static final String INCIDENT_ACCOUNT = AccountIncident.TYPE;
  public static final String ALERT_RAISED = "alert.raised";
  public static final String ALERT_ESCALATED = "alert.escalated";
  public static final String ALERT_RESOLVED = "alert.resolved";
  public static final String ALERT_OVERDUE = "alert.overdue";
  public static final String ALERT_UPDATED = "alert.updated";
  public static final String POSITIONS_REPORT = ReportPositions.TYPE;
  public static final String ALERT_COUNTERPART = "alert.counterpart";
  public static final String NOTICE_LATE = "notice.late";
  public static final String TOKEN_REVOKE = RevokeTokens.TYPE;
  public static final String SIGN_IN_REFUSED = RecordRefusedSignIn.TYPE;
  public static final String SETTINGS_CHANGE = ChangeSettings.TYPE;
  public static final String FORMATION_DECLARE = DeclareFormation.TYPE;
  public static final String CONFLICT_FOUND = FindConflict.TYPE;

  /** The command types, replayed on restart; every other journaled type is derived. */
  public static final Set<String> COMMANDS = CommandCodec.TYPES;

  /** The member id recorded for commands the service issues itself (clock ticks). */
  public static final String SYSTEM = "system";

  private final Directory directory;
  private final Defaults defaults;
  private final Detector detector;
  private final Agreements agreements = new Agreements();
  private final Notifications notifications = new Notifications();
  private final Reconfirmations reconfirmations = new Reconfirmations();
  private final Participations participations = new Participations();
  private final Map<Conflict, String> conflictIds = new HashMap<>();
  private final AlertBook book;
  private final Hotline hotline;
  private final Incidents incidents;
  private final Live live;
  private final AccessRecord access = new AccessRecord();
  private final Visibility visibility = new Visibility(this::agreementBetween);
  private final Retention retention;
  private final Retired retired = new Retired();
  private final Proposals proposals;
  private Instant latest = Instant.EPOCH;

  /** The settings in force: the journal's last {@code service.settings}, else unrecorded ones. */
  private OutcomeSettings settings = OutcomeSettings.UNRECORDED;

  /** When the live tracker was last swept for silent units ({@link Retention#sweepEvery}). */
  private Instant lastSweep = Instant.EPOCH;

  /** An empty state for these parties and members, keeping what is over for a day. */
  public Deconfliction(Directory directory, Defaults defaults) {
    this(directory, defaults, Retention.DEFAULT);
  }

  /**
   * An empty state for these parties and members, keeping what is over as {@code retention} says;
   * what leaves memory is read from the {@link #archive archive} afterwards.
   */
  public Deconfliction(Directory directory, Defaults defaults, Retention retention) {
    this.directory = directory;
    this.defaults = defaults;
    this.retention = retention;
    this.detector = defaults.jobDetection() ? new ReportedConflicts() : Detectors.indexed();
    this.proposals = new Proposals(detector, id -> notifications.get(id).map(Notified::item));
    this.book =
        new AlertBook(
            this::agreementBetween,
            new EscalationLadder(defaults.acknowledgeWithin(), defaults.escalation()));
    this.hotline = new Hotline(directory);
    this.incidents = new Incidents(directory);
    this.live =
        new Live(
            new Alerting() {
              @Override
              public String raise(
                  Subject subject, List<AlertBook.Side> sides, Instant now, List<Fact> facts) {
                return Deconfliction.this.raise(subject, sides, now, facts);
              }

              @Override
              public List<Alert> alertsOf(String conflictId) {
                return book.ofConflict(conflictId);
              }

              @Override
              public void resolveAll(String conflictId, String why, Instant now, List<Fact> facts) {
                Deconfliction.this.resolveAll(conflictId, why, now, facts);
              }

              @Override
              public String nextConflictId() {
                return "cf-" + book.nextConflictNumber();
              }

              @Override
              public Optional<String> plannedConflict(String a, String b, Instant at) {
                return FormationChecks.plannedConflict(conflictIds, a, b, at);
              }
            },
            visibility,
            directory,
            LiveSettings.DEFAULT
                .withDefaultSeparationMeters(defaults.separationMeters())
                .withDeadReckoning(settings.deadReckoning()),
            settings.formations(),
            this::isMovement,
            this::takesPartIn);
  }

  /**
   * The state in the snapshot format ({@link StateFormat}; {@code docs/journal.md}), written into
   * {@code out} (which the caller closes): the same state always gives the same bytes, and {@link
   * #restore} gives back a state that answers every query and every later command as this one does.
   * Cost: linear in the state, one chunk of it in memory at a time; the caller must not change the
   * state meanwhile.
   *
   * @throws java.io.UncheckedIOException if {@code out} fails
   */
  public void snapshot(OutputStream out) {
    StateFormat.Writer writer = StateFormat.writer(out, directory, defaults, retention);
    writer
        .section("time", o -> o.instant(latest))
        .section("settings", this::writeSettings)
        .section("agreements", agreements::writeTo)
        .section("notifications", notifications::writeTo)
        .section("conflicts", this::writeConflicts)
        .section("alerts", book::writeTo)
        .section("hotline", hotline::writeTo)
        .section("incidents", incidents::writeTo)
        .section("live", live::writeTo)
        .section("access", access::writeTo)
        .section("retention", this::writeRetention)
        .section("formations", live::writeFormationsTo)
        .section("reconfirmations", reconfirmations::writeTo)
        .section("participations", participations::writeTo);
    writer.finish();
  }

  /** {@link #snapshot(OutputStream)} into memory, for small states (tests). */
  public byte[] snapshot() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    snapshot(out);
    return out.toByteArray();
  }

  private void writeSettings(StateOut out) {
    LiveSettings.DeadReckoning dr = settings.deadReckoning();
    out.int32(settings.rules()).bool(dr.enabled()).float64(dr.positionMeters());
    out.float64(dr.speedMps()).float64(dr.courseDegrees()).bool(settings.formations());
  }

  private void readSettings(StateIn in) {
    int rules = in.int32();
    boolean enabled = in.bool();
    double position = in.float64();
    double speed = in.float64();
    double course = in.float64();
    boolean formations = in.bool();
    try {
      apply(
          new OutcomeSettings(
              rules, new LiveSettings.DeadReckoning(enabled, position, speed, course), formations));
    } catch (IllegalArgumentException e) {
      throw in.malformed("the settings: " + e.getMessage());
    }
  }

  private void writeRetention(StateOut out) {
    out.instant(lastSweep);
    retired.writeTo(out);
  }

  private void readRetention(StateIn in) {
    lastSweep = in.instant();
    retired.readFrom(in);
  }

  /** The sections of {@link #snapshot}, in order, after {@link StateFormat#SETTING}. */
  static final List<String> SECTIONS =
      List.of(
          "time",
          "settings",
          "agreements",
          "notifications",
          "conflicts",
          "alerts",
          "hotline",
          "incidents",
          "live",
          "access",
          "retention",
          "formations",
          "reconfirmations",
          "participations");

  /**
   * The state a {@link #snapshot} holds, under this configuration. The detector and the live
   * tracker's movements, zones and sites are rebuilt from the notified items.
   *
   * @throws MalformedStateException if the bytes are not a state of this format, or were taken
   *     under another configuration (parties, members, defaults, retention)
   */
  public static Deconfliction restore(
      Directory directory, Defaults defaults, Retention retention, InputStream state) {
    StateFormat.Reader reader = StateFormat.reader(state);
    if (!reader.next().equals(Optional.of(StateFormat.SETTING))) {
      throw new MalformedStateException("the first section is not " + StateFormat.SETTING);
    }
    byte[] setting;
    try {
      setting = reader.body().readAllBytes();
    } catch (IOException e) {
      throw new MalformedStateException("section setting: " + e.getMessage());
    }
    if (!Arrays.equals(setting, StateFormat.setting(directory, defaults, retention))) {
      throw new MalformedStateException(
          "it was taken under another configuration (parties, members, defaults or retention"
              + " differ)");
    }
    Deconfliction d = new Deconfliction(directory, defaults, retention);
    boolean withReconfirm = reader.version() >= 5; // format 4 knew no reconfirmation (D36)
    Map<String, Consumer<StateIn>> readers = new LinkedHashMap<>();
    readers.put("time", in -> d.latest = in.instant());
    readers.put("settings", d::readSettings);
    boolean vertical = reader.version() >= StateFormat.VERTICAL;
    readers.put("agreements", in -> d.agreements.readFrom(in, withReconfirm, vertical));
    readers.put("notifications", in -> d.notifications.readFrom(in, vertical));
    readers.put("conflicts", d::readConflicts);
    readers.put("alerts", d.book::readFrom);
    readers.put("hotline", d.hotline::readFrom);
    readers.put("incidents", d.incidents::readFrom);
    readers.put("live", in -> d.live.readFrom(in, vertical));
    readers.put("access", d.access::readFrom);
    readers.put("retention", d::readRetention);
    readers.put("formations", d.live::readFormationsFrom);
    if (withReconfirm) {
      readers.put("reconfirmations", d.reconfirmations::readFrom);
    }
    boolean withJoint = reader.version() >= StateFormat.JOINT;
    if (withJoint) {
      readers.put("participations", d.participations::readFrom);
    }
    for (Map.Entry<String, Consumer<StateIn>> section : readers.entrySet()) {
      String name = section.getKey();
      Optional<String> next = reader.next();
      if (!next.equals(Optional.of(name))) {
        throw new MalformedStateException(
            "section " + next.orElse("(none)") + " where " + name + " belongs");
      }
      StateIn in = new StateIn(new BufferedInputStream(reader.body(), 1 << 16));
      try {
        section.getValue().accept(in);
      } catch (MalformedStateException e) {
        throw new MalformedStateException("section " + name + ", " + e.getMessage());
      }
      if (!in.atEnd()) {
        throw new MalformedStateException("section " + name + " has bytes left");
      }
    }
    Optional<String> extra = reader.next();
    if (extra.isPresent()) {
      throw new MalformedStateException(
          "its sections go on after " + readers.keySet() + ": " + extra.get());
    }
    List<Notified> all = d.notifications.all();
    if (!withReconfirm) {
      // before format 5 a site or zone was last confirmed by its current version's notification
      for (Notified n : all) {
        if (!n.kind().equals("movement")) {
          d.reconfirmations.confirmed(
              Notified.engineId(n.party(), n.id()), n.notifiedAt(), validUntil(n.item()));
        }
      }
    }
    if (!withJoint) {
      // before format 6 no participant had answered: a movement naming some asks them all (D39)
      for (Notified n : all) {
        if (n.item() instanceof Movement m && m.isJoint()) {
          d.participations.notified(Notified.engineId(n.party(), n.id()), m, n.notifiedAt());
        }
      }
    }
    d.detector.load(all.stream().map(d::detectorItem).toList());
    if (d.detector instanceof ReportedConflicts reported) {
      reported.holdAll(d.conflictIds.keySet()); // the job's conflicts raised before (D32)
    }
    for (Notified n : all) {
      d.live.notified(n, Notified.engineId(n.party(), n.id()));
    }
    return d;
  }

  /** {@link #restore(Directory, Defaults, Retention, InputStream)} from bytes in memory. */
  public static Deconfliction restore(
      Directory directory, Defaults defaults, Retention retention, byte[] state) {
    return restore(directory, defaults, retention, new ByteArrayInputStream(state));
  }

  /** {@link #restore(Directory, Defaults, Retention, byte[])} with the default retention. */
  public static Deconfliction restore(Directory directory, Defaults defaults, byte[] state) {
    return restore(directory, defaults, Retention.DEFAULT, state);
  }

  private void writeConflicts(StateOut out) {
    List<Map.Entry<Conflict, String>> entries = new ArrayList<>(conflictIds.entrySet());
    entries.sort(
        Map.Entry.<Conflict, String>comparingByKey(Conflict.ORDER)
            .thenComparing(Map.Entry.comparingByValue()));
    out.int32(entries.size());
    for (Map.Entry<Conflict, String> e : entries) {
      Conflict c = e.getKey();
      out.text(e.getValue()).constant(c.kind()).text(c.a()).text(c.b());
      out.text(c.partyA()).text(c.partyB()).instant(c.start()).instant(c.end());
      out.optionalClosest(c.closest());
    }
  }

  private void readConflicts(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      String id = in.text();
      ConflictKind kind = in.constant(ConflictKind.class);
      String a = in.text();
      String b = in.text();
      String partyA = in.text();
      String partyB = in.text();
      Instant start = in.instant();
      Instant end = in.instant();
      Optional<ClosestApproach> closest = in.optionalClosest();
      try {
        conflictIds.put(new Conflict(kind, a, b, partyA, partyB, start, end, closest), id);
      } catch (IllegalArgumentException e) {
        throw in.malformed("conflict " + id + ": " + e.getMessage());
      }
    }
  }

  /**
   * The settings that change outcomes in force now: those of the last {@code service.settings}
   * record executed, else {@link OutcomeSettings#UNRECORDED}.
   */
  public OutcomeSettings settings() {
    return settings;
  }

  /** Puts {@code next} in force from now on (the live tracker's dead reckoning). */
  private void apply(OutcomeSettings next) {
    settings = next;
    live.reckon(next.deadReckoning());
    live.formationRules(next.formations());
  }

  /** The live tracking, for tests of this package. */
  Live live() {
    return live;
  }

  /** The defaults this state applies. */
  public Defaults defaults() {
    return defaults;
  }

  /** How long what is over stays in memory. */
  public Retention retention() {
    return retention;
  }

  /**
   * Reads what left memory from {@code archive} from now on (the journal's, once the state runs
   * over one: {@link Application}); without, what is retired is kept in memory.
   */
  public void archive(Archive archive) {
    retired.archive(archive);
  }

  /** The archive what left memory is read from. */
  public Archive archive() {
    return retired.archive();
  }

  /**
   * The {@link ArchivedConflict} fact of this conflict is in the journal: the state reads the
   * conflict from its archive from now on. Called after the commit that holds the fact, and when a
   * replay passes it.
   */
  public void journaled(String conflictId) {
    if (retired.archive() != Archive.NONE) {
      retired.journaled(conflictId); // without an archive, what is retired stays in memory
    }
  }

  @Override
  public int alertsInMemory() {
    return book.size();
  }

  @Override
  public int unitsInMemory() {
    return live.tracker().units();
  }

  /** The parties and members. */
  @Override
  public Directory directory() {
    return directory;
  }

  /**
   * Runs one command given as its JSON body ({@link CommandCodec} reads it once the member is known
   * to be configured).
   *
   * @param type one of {@link #COMMANDS}
   * @param by the member issuing it ({@link #SYSTEM} for ticks)
   * @param body the command's content
   * @param now when it was accepted
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Outcome execute(String type, String by, JsonNode body, Instant now) {
    if (!type.equals(CLOCK_TICK)
        && !type.equals(SIGN_IN_REFUSED)
        && !type.equals(SETTINGS_CHANGE)
        && !type.equals(CONFLICT_FOUND)) {
      member(by);
    }
    return execute(CommandCodec.decode(type, body), by, now);
  }

  /**
   * Runs one command.
   *
   * @param by the member issuing it ({@link #SYSTEM} for ticks)
   * @param now when it was accepted
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Outcome execute(Command command, String by, Instant now) {
    Outcome outcome = run(command, by, now);
    if (now.isAfter(latest)) {
      latest = now; // only accepted commands move the state's time, so a replay agrees
    }
    List<Fact> archived = retire(now);
    if (archived.isEmpty()) {
      return outcome;
    }
    List<Fact> facts = new ArrayList<>(outcome.facts());
    facts.addAll(archived);
    return new Outcome(outcome.reply(), facts);
  }

  /**
   * Retires what was over {@link Retention#keep} before {@code now} (an accepted command's time, so
   * a replay retires the same at the same record): conflicts whose alerts are all resolved leave
   * the alert book, each journaled as an {@link ArchivedConflict} fact told to nobody; and, once
   * per {@link Retention#sweepEvery}, units silent since then leave the live tracker.
   */
  private List<Fact> retire(Instant now) {
    Instant cutoff = now.minus(retention.keep());
    List<Fact> facts = List.of();
    List<ArchivedConflict> gone = book.retire(cutoff);
    if (!gone.isEmpty()) {
      facts = new ArrayList<>(gone.size());
      for (ArchivedConflict c : gone) {
        retired.add(c);
        facts.add(
            new Fact(
                ArchivedConflict.TYPE,
                false,
                SYSTEM,
                c.toJson(),
                new Audience(Set.of(), false),
                c.keys()));
      }
    }
    if (!now.isBefore(lastSweep.plus(retention.sweepEvery()))) {
      lastSweep = now;
      live.forget(cutoff);
    }
    return facts;
  }

  private Member member(String by) {
    return directory
        .member(by)
        .orElseThrow(() -> ServiceException.forbidden("member " + by + " is not configured"));
  }

  private Outcome run(Command command, String by, Instant now) {
    if (command instanceof Tick) {
      return tick(now);
    }
    if (command instanceof RecordRefusedSignIn c) {
      return access.refused(c, by);
    }
    if (command instanceof ChangeSettings c) {
      return changeSettings(c, by);
    }
    if (command instanceof FindConflict c) {
      return findConflict(c, by, now);
    }
    Member member = member(by);
    if (command instanceof RevokeTokens c) {
      return access.revoke(member, c, member(c.member()));
    }
    if (command instanceof SetAgreement c) {
      return setAgreement(member, c, now);
    } else if (command instanceof SuspendAgreement c) {
      return suspend(member, c, c.id(), c.reason(), now, true);
    } else if (command instanceof ResumeAgreement c) {
      return suspend(member, c, c.id(), c.reason(), now, false);
    } else if (command instanceof NotifyItem c) {
      return notify(member, c, now);
    } else if (command instanceof CancelItem c) {
      return cancel(member, c, now);
    } else if (command instanceof ReconfirmItem c) {
      return reconfirm(member, c, now);
    } else if (command instanceof AnswerParticipation c) {
      return answerParticipation(member, c, now);
    } else if (command instanceof AcknowledgeAlert c) {
      return acknowledge(member, c, now);
    } else if (command instanceof DeconflictAlert c) {
      return deconflict(member, c, now);
    } else if (command instanceof ReportPositions c) {
      return report(member, c, now);
    } else if (command instanceof DeclareFormation c) {
      return declareFormation(member, c);
    } else if (command instanceof PostMessage c) {
      c.coded().ifPresent(coded -> checkProposal(member, c.thread(), coded, now));
      Hotline.Posted posted =
          hotline.post(member, c.thread(), c.text(), c.coded(), now, this::conflictParties);
      return commandFact(
          new Fact(
              HOTLINE_POST,
              true,
              member.id(),
              withResult(c, posted.result()),
              new Audience(posted.parties(), true)));
    } else if (command instanceof RecordIncident c) {
      return commandFact(incidents.record(member, c.report(), encode(c), now, this::visibleRefs));
    } else if (command instanceof ReviseIncident c) {
      return commandFact(
          incidents.revise(member, c.id(), c.report(), encode(c), now, this::visibleRefs));
    } else if (command instanceof AccountIncident c) {
      return commandFact(incidents.account(member, c.id(), c.text(), encode(c), now));
    }
    throw new IllegalArgumentException("not a command: " + command);
  }

  /**
   * The earliest instant a clock tick has something to do at: an alert deadline, a track check, a
   * site's or zone's reconfirmation warning or lapse, or an agreement version taking effect that
   * may change a reconfirmation period (D36).
   */
  @Override
  public Optional<Instant> nextDeadline() {
    Optional<Instant> next = book.nextDeadline();
    for (Optional<Instant> other :
        List.of(
            live.nextCheck(latest),
            reconfirmations.nextDue(latest, this::reconfirmFor),
            agreements.nextReconfirmChange(latest))) {
      if (other.isPresent() && (next.isEmpty() || other.get().isBefore(next.get()))) {
        next = other;
      }
    }
    return next;
  }

  // ---------------------------------------------------------------------------------------------
  // live tracks

  private Outcome report(Member member, ReportPositions command, Instant now) {
    requireActor(member, "report positions");
    List<PositionReport> reports = live.parse(member, command, now);
    FormationChecks.reports(member.party(), command, this::isMovement, this::takesPartIn);
    List<Fact> derived = new ArrayList<>();
    int accepted = live.apply(command, reports, now, derived);
    ObjectNode result =
        Json.object().put("accepted", accepted).put("ignored", reports.size() - accepted);
    List<Fact> facts = new ArrayList<>(derived.size() + 1);
    facts.add(
        new Fact(
            POSITIONS_REPORT,
            true,
            member.id(),
            withResult(command, result),
            Audience.of(Set.of(member.party()))));
    facts.addAll(derived);
    return new Outcome(result, facts);
  }

  /**
   * Declares (or, with no units, disbands) a group of the member's party's units that move together
   * (D29), once {@link FormationChecks#declare} let it.
   */
  private Outcome declareFormation(Member member, DeclareFormation command) {
    requireActor(member, "declare formations");
    String party = member.party();
    FormationChecks.declare(party, command, this::isMovement, live.formations());
    live.formations().declare(party, command.id(), command.units());
    ObjectNode result = Json.object().put("id", command.id());
    command.units().forEach(result.putArray("units")::add);
    result.put("disbanded", command.units().isEmpty());
    return new Outcome(
        result.deepCopy(),
        List.of(
            new Fact(
                DeclareFormation.TYPE,
                true,
                member.id(),
                withResult(command, result),
                Audience.of(Set.of(party)))));
  }

  @Override
  public List<ObjectNode> formations(Member viewer) {
    return viewer.isOperator() ? List.of() : live.formations().groupsJson(viewer.party());
  }

  /** Whether an engine id ({@code party/id}) is a notified movement now. */
  private boolean isMovement(String engineId) {
    return notifications.get(engineId).map(n -> n.item() instanceof Movement).orElse(false);
  }

  /** Whether {@code party} accepted to take part in the joint movement {@code engineId} (D39). */
  private boolean takesPartIn(String party, String engineId) {
    return isMovement(engineId)
        && participations
            .answer(engineId, party)
            .map(a -> a.decision() == Participations.Decision.ACCEPTED)
            .orElse(false);
  }

  /** The live tracks the viewer may see; stale ones are marked. */
  @Override
  public List<TrackView> trackViews(Member viewer, boolean ownOnly) {
    return live.tracks(viewer, ownOnly, latest);
  }

  /**
   * What {@code party} shares with the viewer's party under the agreement in force now: the rule
   * {@link #tracks} applies (a party shares everything with itself; operators see no tracks, so
   * nothing; without an agreement, nothing). Transports other than HTTP (the TAK listener) use it
   * to decide whose units a client may see.
   */
  @Override
  public Sharing sharingWith(Member viewer, String party) {
    return sharingWith(viewer, party, latest);
  }

  Sharing sharingWith(Member viewer, String party, Instant now) {
    return visibility.sharing(viewer, party, Visibility.Of.TRACK, now);
  }

  /** The visibility policy over this state's agreements. */
  Visibility visibility() {
    return visibility;
  }

  // ---------------------------------------------------------------------------------------------
  // agreements

  private Outcome setAgreement(Member member, SetAgreement command, Instant now) {
    if (!member.isOperator()) {
      throw ServiceException.forbidden("only the mechanism's operators record agreements");
    }
    String id = command.id().orElse("");
    int version = 1;
    if (!id.isEmpty()) {
      version =
          agreements
                  .latest(id)
                  .orElseThrow(() -> ServiceException.notFound("agreement " + id))
                  .version()
              + 1;
    }
    Set<String> parties = new TreeSet<>();
    for (int i = 0; i < command.parties().size(); i++) {
      String p = command.parties().get(i);
      if (directory.party(p).isEmpty()) {
        throw ServiceException.invalid(
            "/parties/" + i, "/parties/" + i + " \"" + p + "\" is not a configured party");
      }
      parties.add(p);
    }
    Map<String, Sharing> sharing = new TreeMap<>(command.sharing());
    List<Duration> escalation =
        command
            .escalation()
            .map(steps -> steps.stream().map(IsoDuration::value).toList())
            .orElse(defaults.escalation());
    Optional<Agreement.Reconfirm> reconfirm;
    try {
      reconfirm =
          command
              .reconfirmEvery()
              .map(IsoDuration::value)
              .map(
                  every ->
                      new Agreement.Reconfirm(
                          every,
                          command
                              .reconfirmWarnBefore()
                              .map(IsoDuration::value)
                              .orElse(Agreement.Reconfirm.defaultWarnBefore(every))));
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      String field =
          message.startsWith("reconfirmEvery") ? "reconfirmEvery" : "reconfirmWarnBefore";
      throw ServiceException.invalid("/" + field, "/" + message);
    }
    Agreement agreement;
    try {
      agreement =
          new Agreement(
              id.isEmpty() ? agreements.nextId() : id,
              version,
              parties,
              command.effectiveFrom().map(IsoInstant::value).orElse(now),
              command.separationMeters().map(Decimal::value).orElse(defaults.separationMeters()),
              command.minimumNotice().map(IsoDuration::value).orElse(defaults.minimumNotice()),
              command.emergencyNotice().map(IsoDuration::value).orElse(defaults.emergencyNotice()),
              command
                  .acknowledgeWithin()
                  .map(IsoDuration::value)
                  .orElse(defaults.acknowledgeWithin()),
              escalation,
              sharing,
              false,
              reconfirm,
              command
                  .verticalSeparationMeters()
                  .map(Decimal::value)
                  .orElse(Band.DEFAULT_VERTICAL_SEPARATION_METERS));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("", String.valueOf(e.getMessage()));
    }
    agreements.record(agreement);
    agreedSeparations(agreement.id());
    ObjectNode reply = Json.object().put("id", agreement.id()).put("version", version);
    return new Outcome(
        reply,
        List.of(
            new Fact(
                AGREEMENT_SET,
                true,
                member.id(),
                withResult(command, agreementJson(agreement)),
                new Audience(parties, true))));
  }

  /**
   * Tells live tracking the separation every two parties of an agreement (in any of its versions)
   * agreed, over time: units that follow no movement keep it from each other.
   */
  private void agreedSeparations(String agreementId) {
    Set<String> parties = new TreeSet<>();
    agreements.versions(agreementId).orElse(List.of()).forEach(v -> parties.addAll(v.parties()));
    List<String> sorted = List.copyOf(parties);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        live.agreedSeparation(
            sorted.get(i),
            sorted.get(j),
            agreements.separationSteps(sorted.get(i), sorted.get(j), defaults.separationMeters()));
      }
    }
  }

  private Outcome suspend(
      Member member,
      Command command,
      String id,
      Optional<String> reasonGiven,
      Instant now,
      boolean suspended) {
    Agreement current =
        agreements
            .latest(id)
            .filter(a -> Agreements.readableBy(member, a))
            .orElseThrow(() -> ServiceException.notFound("agreement " + id));
    if (!member.role().acts() && !member.isOperator()) {
      throw ServiceException.forbidden("only officers and commanders suspend or resume");
    }
    if (current.suspended() == suspended) {
      throw ServiceException.conflict(
          "agreement " + id + " is already " + (suspended ? "suspended" : "in force"));
    }
    String reason = reasonGiven.orElse("");
    Agreement next = current.withSuspended(suspended);
    agreements.record(next);
    ObjectNode result = agreementJson(next).put("reason", reason).put("at", now.toString());
    return new Outcome(
        Json.object().put("id", id).put("version", next.version()),
        List.of(
            new Fact(
                command.type(),
                true,
                member.id(),
                withResult(command, result),
                new Audience(next.parties(), true))));
  }

  /** The agreement in force between two parties at {@code now}: the newest effective one. */
  Optional<Agreement> agreementBetween(String a, String b, Instant now) {
    return agreements.between(a, b, now);
  }

  /** Every agreement's latest version. */
  @Override
  public List<Agreement> agreements(Member viewer) {
    return agreements.readableBy(viewer);
  }

  /** Every version of one agreement visible to the viewer. */
  @Override
  public List<Agreement> agreementVersions(Member viewer, String id) {
    List<Agreement> versions =
        agreements
            .versions(id)
            .filter(v -> Agreements.readableBy(viewer, v.get(v.size() - 1)))
            .orElseThrow(() -> ServiceException.notFound("agreement " + id));
    return List.copyOf(versions);
  }

  /** An agreement as JSON. */
  public static ObjectNode agreementJson(Agreement a) {
    return AgreementViews.of(a);
  }

  // ---------------------------------------------------------------------------------------------
  // notifications

  private Outcome notify(Member member, NotifyItem command, Instant now) {
    requireActor(member, "notify");
    List<String> named =
        command.kind().equals("movement") ? participantNames(command.feature()) : List.of();
    Notifications.Checked checked =
        notifications.check(
            member,
            command,
            separationFor(member.party(), named, now),
            verticalSeparationFor(member.party(), named, now));
    String id = checked.id();
    String kind = checked.kind();
    Item item = checked.item();
    if (item instanceof Movement m && m.isJoint()) {
      requireKnownParticipants(m, checked.feature());
    }
    if (kind.equals("zone")) {
      Live.checkAccess(checked.feature());
    }
    Optional<LateNotice> late =
        item instanceof Movement m
            ? LateNotice.check(
                member.party(),
                id,
                kind,
                m.waypoints().get(0).time(),
                command.isEmergency(),
                now,
                directory.parties(),
                agreements)
            : Optional.empty();
    // all checks passed: change state
    Set<String> toldBefore =
        notifications.get(checked.engineId()).map(this::involvedIn).orElse(Set.of());
    Notified notified = notifications.record(checked, now, late.isPresent(), command.isEmergency());
    int version = notified.version();
    Optional<Instant> wasLapsed =
        kind.equals("movement")
            ? Optional.empty()
            : reconfirmations.confirmed(checked.engineId(), now, validUntil(item));
    if (item instanceof Movement m) {
      participations.notified(checked.engineId(), m, now);
    }
    ConflictDelta delta = detector.put(detectorItem(notified));
    live.notified(notified, checked.engineId());
    List<Fact> facts = new ArrayList<>();
    Set<String> told = new TreeSet<>(toldBefore);
    told.addAll(involvedIn(notified));
    ObjectNode result =
        Json.object()
            .put("id", id)
            .put("version", version)
            .put("late", notified.late())
            .put("engineSeparationMeters", separationOf(item));
    if (item instanceof Movement m && m.isJoint()) {
      result.put("status", participations.status(checked.engineId()).wireName());
    }
    facts.add(
        new Fact(
            ITEM_NOTIFY,
            true,
            member.id(),
            withResult(command, result),
            Audience.of(Set.of(member.party()))));
    told.remove(member.party());
    if (!told.isEmpty()) {
      // a joint movement's participants hear of each version, and of the one that drops them (D39)
      facts.add(
          jointFact(
              notified,
              participations.status(checked.engineId()).wireName(),
              told,
              involvedIn(notified)));
    }
    if (late.isPresent()) {
      facts.add(
          new Fact(
              NOTICE_LATE,
              false,
              SYSTEM,
              late.get().body(),
              new Audience(Set.of(member.party()), true)));
      for (String other : late.get().lateFor()) {
        // each other party hears of it as much as the notifier shares with it
        Visibility.LateNoticeView shown =
            Visibility.lateNotice(
                visibility.sharing(other, member.party(), Visibility.Of.LATE_NOTICE, now));
        facts.add(
            new Fact(
                NOTICE_LATE,
                false,
                SYSTEM,
                late.get().toldTo(other, shown),
                Audience.of(Set.of(other))));
      }
    }
    if (wasLapsed.isPresent()) {
      facts.add(restored(checked.engineId(), wasLapsed.get(), "notified again", now));
    }
    applyDelta(delta, now, facts);
    ObjectNode reply = Json.object().put("id", id).put("version", version);
    reply.put("late", notified.late());
    return new Outcome(reply, facts);
  }

  private Outcome cancel(Member member, CancelItem command, Instant now) {
    requireActor(member, "cancel");
    Notified previous = notifications.checkCancel(member, command);
    String engineId = Notified.engineId(member.party(), command.id());
    Set<String> told = involvedIn(previous);
    notifications.remove(previous);
    reconfirmations.removed(engineId);
    participations.removed(engineId);
    ConflictDelta delta = detector.remove(engineId);
    live.removed(previous, engineId);
    if (previous.kind().equals("movement")) {
      live.cancelled(member.party(), command.id());
    }
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            ITEM_CANCEL,
            true,
            member.id(),
            withResult(command, Json.object().put("version", previous.version())),
            Audience.of(Set.of(member.party()))));
    told.remove(member.party());
    if (!told.isEmpty()) {
      facts.add(jointFact(previous, "cancelled", told, Set.of()));
    }
    applyDelta(delta, now, facts);
    return new Outcome(Json.object().put("id", command.id()).put("cancelled", true), facts);
  }

  // ---------------------------------------------------------------------------------------------
  // joint movements (D39)

  /**
   * A participant's answer to a joint movement: the member's party accepts or declines taking part
   * in the movement's current version. Detection then takes the movement with the participants that
   * accepted (their conflicts with it vanish on their legs; a decline brings them back).
   *
   * @throws ServiceException not found if there is no such movement or it names no participant of
   *     the member's party (a party not named may not even see it); conflict if the version named
   *     is not the current one
   */
  private Outcome answerParticipation(Member member, AnswerParticipation command, Instant now) {
    requireActor(member, "answer for a joint movement");
    String engineId = Notified.engineId(command.party(), command.id());
    Notified n =
        notifications
            .get(engineId)
            .filter(x -> x.kind().equals("movement"))
            .filter(x -> participations.answer(engineId, member.party()).isPresent())
            .orElseThrow(
                () ->
                    ServiceException.notFound(
                        "joint movement "
                            + command.id()
                            + " of party "
                            + command.party()
                            + " with participant "
                            + member.party()));
    if (command.version().isPresent() && command.version().getAsInt() != n.version()) {
      throw ServiceException.conflict(
          "movement "
              + n.id()
              + " of party "
              + n.party()
              + " is at version "
              + n.version()
              + ", not "
              + command.version().getAsInt()
              + "; read it again and answer for the current version");
    }
    Set<String> told = involvedIn(n);
    participations.decide(
        engineId,
        member.party(),
        command.accepts() ? Participations.Decision.ACCEPTED : Participations.Decision.DECLINED,
        member.id(),
        now);
    ConflictDelta delta = detector.put(detectorItem(n));
    Participations.Status status = participations.status(engineId);
    ObjectNode result =
        Json.object()
            .put("party", n.party())
            .put("id", n.id())
            .put("version", n.version())
            .put("participant", member.party())
            .put("decision", command.decision())
            .put("status", status.wireName());
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            MOVEMENT_PARTICIPATION,
            true,
            member.id(),
            withResult(command, result),
            Audience.of(told)));
    applyDelta(delta, now, facts);
    return new Outcome(result.deepCopy(), facts);
  }

  /**
   * The {@code movement.joint} fact that tells a joint movement's participants (not its lead, who
   * has its own {@code item.notify} and {@code item.cancel}) of a version or of its cancellation:
   * the movement's reference and status, and whether each party told is still in it.
   */
  private static Fact jointFact(Notified n, String status, Set<String> told, Set<String> in) {
    ObjectNode body =
        Json.object()
            .put("party", n.party())
            .put("id", n.id())
            .put("version", n.version())
            .put("status", status);
    ArrayNode parties = body.putArray("participants");
    in.stream().filter(p -> !p.equals(n.party())).forEach(parties::add);
    return new Fact(MOVEMENT_JOINT, false, SYSTEM, body, Audience.of(new TreeSet<>(told)));
  }

  /** An item as detection takes it: a joint movement with its accepted participants only. */
  private Item detectorItem(Notified n) {
    return n.item() instanceof Movement m
        ? participations.forDetector(Notified.engineId(n.party(), n.id()), m)
        : n.item();
  }

  /** The parties an item concerns: its party, and a joint movement's participants not declined. */
  private Set<String> involvedIn(Notified n) {
    Set<String> out = new TreeSet<>(participations.involved(Notified.engineId(n.party(), n.id())));
    out.add(n.party());
    return out;
  }

  /**
   * The parties a movement's feature names in {@code properties.participants}, as far as they can
   * be read (the parser refuses what is malformed, naming the field).
   */
  private static List<String> participantNames(ObjectNode feature) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : feature.path("properties").path("participants")) {
      JsonNode name = p.isObject() ? p.path("party") : p;
      if (name.isTextual()) {
        out.add(name.asText());
      }
    }
    return out;
  }

  /**
   * Refuses a joint movement naming a party the service does not know, or the mechanism (which
   * moves nothing), naming the field.
   */
  private void requireKnownParticipants(Movement m, ObjectNode feature) {
    JsonNode named = feature.path("properties").path("participants");
    for (int i = 0; i < m.participants().size(); i++) {
      String party = m.participants().get(i).party();
      if (party.equals(Party.MECHANISM) || directory.party(party).isEmpty()) {
        String pointer =
            "/feature/properties/participants/" + i + (named.path(i).isObject() ? "/party" : "");
        throw ServiceException.invalid(
            pointer, pointer + " \"" + party + "\" is not a party of this service");
      }
    }
  }

  /**
   * The separation a party's movement gets when it names none: with participants (D39), the largest
   * of the lead's and theirs (each party's agreements hold over the whole route).
   */
  private double separationFor(String party, List<String> participants, Instant now) {
    double out = separationFor(party, now);
    for (String p : participants) {
      if (directory.party(p).isPresent()) {
        out = Math.max(out, separationFor(p, now));
      }
    }
    return out;
  }

  /** As {@link #separationFor(String, List, Instant)}, the vertical separation. */
  private double verticalSeparationFor(String party, List<String> participants, Instant now) {
    double out = agreements.verticalSeparationFor(party, now);
    for (String p : participants) {
      if (directory.party(p).isPresent()) {
        out = Math.max(out, agreements.verticalSeparationFor(p, now));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // reconfirmation (D36)

  /**
   * Reconfirms the member's party's site or zone: its period starts again, and if it was lapsed it
   * is restored and every party that sees it is told.
   *
   * @throws ServiceException not found if the party has no such item of that kind; conflict if its
   *     validity ended (there is nothing left to protect)
   */
  private Outcome reconfirm(Member member, ReconfirmItem command, Instant now) {
    requireActor(member, "reconfirm");
    String engineId = Notified.engineId(member.party(), command.id());
    Notified n =
        notifications
            .get(engineId)
            .filter(x -> x.kind().equals(command.kind()) && !x.kind().equals("movement"))
            .orElseThrow(() -> ServiceException.notFound(command.kind() + " " + command.id()));
    Instant until = validUntil(n.item());
    if (!now.isBefore(until)) {
      throw ServiceException.conflict(
          n.kind()
              + " "
              + n.id()
              + " was valid until "
              + until
              + "; notify a new version to protect it again");
    }
    Optional<Instant> wasLapsed = reconfirmations.confirmed(engineId, now, until);
    ObjectNode result =
        Json.object()
            .put("id", n.id())
            .put("kind", n.kind())
            .put("version", n.version())
            .put("confirmedAt", now.toString());
    agreements
        .reconfirmFor(n.party(), now)
        .ifPresent(r -> result.put("reconfirmBy", now.plus(r.every()).toString()));
    result.put("restored", wasLapsed.isPresent());
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            ITEM_RECONFIRM,
            true,
            member.id(),
            withResult(command, result),
            Audience.of(Set.of(member.party()))));
    if (wasLapsed.isPresent()) {
      facts.add(restored(engineId, wasLapsed.get(), "reconfirmed", now));
    }
    return new Outcome(result.deepCopy(), facts);
  }

  /**
   * What a clock tick does to reconfirmation: warns owners of lapses to come, tells every party
   * that sees an item that it lapsed, and that one no agreement holds overdue any more is restored.
   */
  private void reconfirmTick(Instant now, List<Fact> facts) {
    for (Reconfirmations.Changed c :
        reconfirmations.advance(now, party -> agreements.reconfirmFor(party, now))) {
      Notified n = notifications.get(c.engineId()).orElseThrow();
      Agreement.Reconfirm rule = agreements.reconfirmFor(n.party(), now).orElse(null);
      switch (c.change()) {
        case WARNED -> {
          ObjectNode body = itemRef(n, c.standing().confirmedAt());
          if (rule != null) {
            body.put("reconfirmBy", c.standing().due(rule).toString());
            body.put("every", rule.every().toString());
          }
          facts.add(new Fact(ITEM_DUE, false, SYSTEM, body, Audience.of(Set.of(n.party()))));
        }
        case LAPSED -> {
          ObjectNode body = itemRef(n, c.standing().confirmedAt());
          body.put("lapsedSince", c.standing().lapsedSince().orElseThrow().toString());
          if (rule != null) {
            body.put("every", rule.every().toString());
          }
          facts.add(new Fact(ITEM_LAPSED, false, SYSTEM, body, Audience.of(seers(n, now))));
        }
        case RESTORED ->
            facts.add(
                restored(
                    c.engineId(),
                    c.lapsedSince().orElseThrow(),
                    rule == null
                        ? "no agreement asks for its reconfirmation now"
                        : "the reconfirmation period in force now is longer",
                    now));
      }
    }
  }

  /** The {@code item.restored} fact of a lapsed item, told to every party that sees it. */
  private Fact restored(String engineId, Instant lapsedSince, String why, Instant now) {
    Notified n = notifications.get(engineId).orElseThrow();
    Instant confirmedAt =
        reconfirmations.standing(engineId).map(Reconfirmations.Standing::confirmedAt).orElse(now);
    ObjectNode body = itemRef(n, confirmedAt);
    body.put("lapsedSince", lapsedSince.toString()).put("restoredBy", why);
    return new Fact(ITEM_RESTORED, false, SYSTEM, body, Audience.of(seers(n, now)));
  }

  private static ObjectNode itemRef(Notified n, Instant confirmedAt) {
    return Json.object()
        .put("kind", n.kind())
        .put("id", n.id())
        .put("party", n.party())
        .put("version", n.version())
        .put("confirmedAt", confirmedAt.toString());
  }

  /**
   * The parties that see an item at {@code now}: its owner, and every party whose agreement in
   * force with the owner lets it see the owner's items (need-to-know: no other party hears of it).
   */
  private Set<String> seers(Notified n, Instant now) {
    Set<String> out = new TreeSet<>();
    out.add(n.party());
    for (Party p : directory.parties()) {
      if (!p.id().equals(Party.MECHANISM)
          && Visibility.item(visibility.sharing(p.id(), n.party(), Visibility.Of.ITEM, now))
              != Visibility.ItemView.HIDDEN) {
        out.add(p.id());
      }
    }
    return out;
  }

  /** The reconfirmation a party's sites and zones are held to at the state's time (D36). */
  private Optional<Agreement.Reconfirm> reconfirmFor(String party) {
    return agreements.reconfirmFor(party, latest);
  }

  /** Where a site or zone stands under reconfirmation, for its views. */
  private Optional<ItemViews.Reconfirmation> reconfirmationOf(Notified n) {
    return reconfirmations
        .standing(Notified.engineId(n.party(), n.id()))
        .map(
            s ->
                new ItemViews.Reconfirmation(
                    s.confirmedAt(),
                    reconfirmFor(n.party()).map(s::due),
                    s.warned(),
                    s.lapsedSince()));
  }

  /** When a site's or zone's validity ends ({@link Instant#MAX} for a movement or never). */
  private static Instant validUntil(Item item) {
    if (item instanceof Site site) {
      return site.validity().until();
    }
    return item instanceof Zone zone ? zone.validity().until() : Instant.MAX;
  }

  /** The separation a party's movement gets when it names none. */
  private double separationFor(String party, Instant now) {
    return agreements.separationFor(party, now, defaults.separationMeters());
  }

  private static double separationOf(Item item) {
    return item instanceof Movement m ? m.separationMeters() : 0;
  }

  /** The current version of a party's item, if the viewer may see it, as the viewer may see it. */
  @Override
  public ObjectNode item(Member viewer, String kind, String party, String id) {
    Notified n = notifications.get(Notified.engineId(party, id)).orElse(null);
    if (n == null || !n.kind().equals(kind)) {
      throw ServiceException.notFound(kind + " " + id);
    }
    return viewOf(viewer, n).orElseThrow(() -> ServiceException.notFound(kind + " " + id));
  }

  /** The viewer's own items of a kind, then the others' it may see. */
  @Override
  public List<ObjectNode> items(Member viewer, String kind, boolean ownOnly) {
    List<ObjectNode> out = new ArrayList<>();
    for (Notified n : notifications.all()) {
      if (!n.kind().equals(kind) || (ownOnly && !n.party().equals(viewer.party()))) {
        continue;
      }
      viewOf(viewer, n).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ObjectNode> viewOf(Member viewer, Notified n) {
    String engineId = Notified.engineId(n.party(), n.id());
    Map<String, Participations.Answer> answers = participations.of(engineId);
    Visibility.ItemView shown =
        Visibility.item(
            answers.isEmpty()
                ? visibility.sharing(viewer, n.party(), Visibility.Of.ITEM, latest)
                : visibility.sharingOfJoint(
                    viewer,
                    n.party(),
                    participations.involved(engineId),
                    Visibility.Of.ITEM,
                    latest));
    if (shown == Visibility.ItemView.HIDDEN) {
      return Optional.empty();
    }
    ObjectNode view =
        ItemViews.of(
            shown,
            n.id(),
            n.party(),
            n.kind(),
            n.version(),
            n.notifiedAt(),
            n.late(),
            n.emergency(),
            n.feature(),
            reconfirmationOf(n));
    if (!answers.isEmpty() && n.item() instanceof Movement m) {
      view.set("joint", ItemViews.joint(m, answers, participations.status(engineId)));
    }
    return Optional.of(view);
  }

  // ---------------------------------------------------------------------------------------------
  // alerts

  private void applyDelta(ConflictDelta delta, Instant now, List<Fact> facts) {
    for (Conflict gone : delta.vanished()) {
      String conflictId = conflictIds.remove(gone);
      if (conflictId == null) {
        continue;
      }
      resolveAll(conflictId, "the conflict vanished", now, facts);
    }
    for (Conflict c : delta.appeared()) {
      List<AlertBook.Side> sides = new ArrayList<>();
      sides.add(
          new AlertBook.Side(
              c.partyA(),
              c.partyB(),
              Notified.clientId(c.a()),
              Notified.clientId(c.b()),
              locationOf(c, true),
              null));
      sides.add(
          new AlertBook.Side(
              c.partyB(),
              c.partyA(),
              Notified.clientId(c.b()),
              Notified.clientId(c.a()),
              locationOf(c, false),
              null));
      participantSides(c, true, sides);
      participantSides(c, false, sides);
      String conflictId = raise(Subject.of(c), sides, now, facts);
      conflictIds.put(c, conflictId);
    }
  }

  /**
   * Adds a side for each participant (not declined) of a joint movement on one side of a conflict
   * (D39): told as its lead is, its own item the movement by engine id {@code lead/id}. A
   * participant that is the other side's party is told as that side already.
   */
  private void participantSides(Conflict c, boolean sideA, List<AlertBook.Side> sides) {
    String engineId = sideA ? c.a() : c.b();
    String otherParty = sideA ? c.partyB() : c.partyA();
    for (String p : participations.involved(engineId)) {
      if (!p.equals(otherParty)) {
        sides.add(
            new AlertBook.Side(
                p,
                otherParty,
                engineId,
                Notified.clientId(sideA ? c.b() : c.a()),
                locationOf(c, sideA),
                null));
      }
    }
  }

  /** Raises one alert per side under a new conflict id, journaling each; returns the id. */
  String raise(Subject subject, List<AlertBook.Side> sides, Instant now, List<Fact> facts) {
    List<Alert> raised = book.raise(subject, sides, now);
    for (Alert alert : raised) {
      facts.add(
          new Fact(
              ALERT_RAISED,
              false,
              SYSTEM,
              alertView(alert, false, false).toJson(),
              new Audience(Set.of(alert.recipient()), true)));
    }
    return raised.get(0).conflictId();
  }

  /** The alerts raised under a conflict id. */
  List<Alert> alertsOf(String conflictId) {
    return book.ofConflict(conflictId);
  }

  /** Resolves every unresolved alert of a conflict id. */
  void resolveAll(String conflictId, String why, Instant now, List<Fact> facts) {
    for (Alert alert : alertsOf(conflictId)) {
      if (alert.state() != AlertState.RESOLVED) {
        resolve(alert, why, now, facts);
      }
    }
  }

  private void resolve(Alert alert, String why, Instant now, List<Fact> facts) {
    book.resolve(alert, why, now);
    ObjectNode body =
        Json.object()
            .put("alert", alert.id())
            .put("conflictId", alert.conflictId())
            .put("resolution", why)
            .put("at", now.toString());
    facts.add(
        new Fact(
            ALERT_RESOLVED, false, SYSTEM, body, new Audience(Set.of(alert.recipient()), true)));
  }

  /**
   * Where a side must look: its own position at the closest approach (the site's centre for a
   * site's owner), or the movement's position on entering a zone. Never the other side's position,
   * which the other party may not share.
   */
  private GeoPoint locationOf(Conflict c, boolean sideA) {
    Optional<ClosestApproach> closest = c.closest();
    if (closest.isPresent()) {
      return sideA ? closest.get().a() : closest.get().b();
    }
    Notified n = notifications.get(c.a()).orElse(null);
    if (n != null && n.item() instanceof Movement m) {
      List<Waypoint> w = m.waypoints();
      return Geodesics.positionAt(
          w.stream().map(Waypoint::point).toList(),
          w.stream().map(Waypoint::time).toList(),
          c.start());
    }
    throw new IllegalStateException("conflict without closest approach nor movement: " + c);
  }

  /**
   * Raises the alerts of a conflict the detection job reported (D32), if this state's two items
   * give it and it is not raised yet; only the service itself reports them.
   *
   * @throws ServiceException conflict if the items do not give it (the job saw versions that are no
   *     longer current) or it is raised already (another node journaled it first): nothing changes
   */
  private Outcome findConflict(FindConflict command, String by, Instant now) {
    if (!by.equals(SYSTEM)) {
      throw ServiceException.forbidden("only the service itself reports the job's conflicts");
    }
    if (!(detector instanceof ReportedConflicts reported)) {
      throw ServiceException.conflict(
          "conflicts come from the detector in this process (detection.mode embedded)");
    }
    Conflict c =
        reported
            .found(command.kind(), command.a(), command.b(), command.start())
            .orElseThrow(
                () ->
                    ServiceException.conflict(
                        "conflict "
                            + command.a()
                            + " "
                            + command.b()
                            + " at "
                            + command.start()
                            + " is raised already or not given by the current items"));
    List<Fact> alerts = new ArrayList<>();
    applyDelta(new ConflictDelta(List.of(c), List.of()), now, alerts);
    ObjectNode result = Json.object().put("conflictId", conflictIds.get(c));
    List<Fact> facts = new ArrayList<>(alerts.size() + 1);
    facts.add(
        new Fact(
            CONFLICT_FOUND,
            true,
            SYSTEM,
            withResult(command, result),
            new Audience(Set.of(), false)));
    facts.addAll(alerts);
    return new Outcome(result.deepCopy(), facts);
  }

  /** Journals the settings that change outcomes; only the service itself may. */
  private Outcome changeSettings(ChangeSettings command, String by) {
    if (!by.equals(SYSTEM)) {
      throw ServiceException.forbidden("only the service itself journals its settings");
    }
    apply(command.settings());
    return new Outcome(
        Json.object(),
        List.of(
            new Fact(
                SETTINGS_CHANGE, true, SYSTEM, encode(command), new Audience(Set.of(), false))));
  }

  private Outcome tick(Instant now) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact(CLOCK_TICK, true, SYSTEM, Json.object(), new Audience(Set.of(), false)));
    for (AlertBook.Escalation e : book.escalate(now)) {
      Alert alert = e.alert();
      if (e.step().overdue()) {
        // the top of the ladder missed its deadline too: everyone told of it hears it is overdue
        facts.add(
            new Fact(
                ALERT_OVERDUE,
                false,
                SYSTEM,
                Json.object()
                    .put("alert", alert.id())
                    .put("conflictId", alert.conflictId())
                    .put("level", e.step().level())
                    .put("missedDeadline", e.missedDeadline().toString())
                    .put("at", now.toString()),
                new Audience(Set.of(alert.recipient()), true)));
        continue;
      }
      ObjectNode body =
          Json.object()
              .put("alert", alert.id())
              .put("conflictId", alert.conflictId())
              .put("level", e.step().level())
              .put("to", e.step().to())
              .put("missedDeadline", e.missedDeadline().toString())
              .put("deadline", e.step().deadline().orElseThrow().toString())
              .put("at", now.toString());
      facts.add(
          new Fact(
              ALERT_ESCALATED, false, SYSTEM, body, new Audience(Set.of(alert.recipient()), true)));
    }
    int escalated = facts.size() - 1;
    live.tick(now, facts);
    reconfirmTick(now, facts);
    return new Outcome(Json.object().put("escalated", escalated), facts);
  }

  private Outcome acknowledge(Member member, AcknowledgeAlert command, Instant now) {
    Alert alert = visibleAlert(member, command.alert());
    if (member.party().equals(Party.MECHANISM) || !member.role().acts()) {
      throw ServiceException.forbidden(
          "only an officer or commander of party " + alert.recipient() + " acknowledges");
    }
    if (alert.state() != AlertState.OPEN) {
      throw ServiceException.conflict("alert " + alert.id() + " is " + alert.state().wireName());
    }
    ReadBack readBack =
        command
            .readBack()
            .orElseThrow(
                () ->
                    ServiceException.invalid(
                        "/readBack",
                        "/readBack is required: the conflict's start, end and place as you"
                            + " understood them"));
    Optional<AlertBook.Mismatch> mismatch =
        AlertBook.check(
            alert,
            new AlertBook.ReadBack(
                readBack.start().value(), readBack.end().value(), readBack.place().point()));
    if (mismatch.isPresent()) {
      throw ServiceException.invalid(mismatch.get().pointer(), mismatch.get().message());
    }
    book.acknowledge(alert, member.id(), now);
    ObjectNode result =
        Json.object()
            .put("alert", alert.id())
            .put("conflictId", alert.conflictId())
            .put("acknowledgedBy", member.id())
            .put("party", member.party())
            .put("at", now.toString())
            .put("meaning", "seen, not approved");
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            ALERT_ACKNOWLEDGE,
            true,
            member.id(),
            withResult(command, result),
            new Audience(Set.of(alert.recipient()), true)));
    counterpart(alert, "acknowledged", "", now, facts);
    return new Outcome(result.deepCopy(), facts);
  }

  /**
   * Tells the other side of a conflict that this side acknowledged it or marked it deconflicted:
   * the party's name and note only if that party shares at least its conflicts.
   */
  private void counterpart(Alert alert, String what, String note, Instant now, List<Fact> facts) {
    for (Alert other : book.ofConflict(alert.conflictId())) {
      if (other == alert) {
        continue;
      }
      Visibility.AlertView shown =
          Visibility.alert(
              visibility.sharing(
                  other.recipient(), alert.recipient(), Visibility.Of.ALERT, alert.raisedAt()));
      ObjectNode body =
          Json.object()
              .put("alert", other.id())
              .put("conflictId", alert.conflictId())
              .put("counterpart", what)
              .put("at", now.toString());
      if (shown.party()) {
        body.put("party", alert.recipient());
        if (!note.isEmpty()) {
          body.put("note", note);
        }
      }
      facts.add(
          new Fact(ALERT_COUNTERPART, false, SYSTEM, body, Audience.of(Set.of(other.recipient()))));
    }
  }

  private Outcome deconflict(Member member, DeconflictAlert command, Instant now) {
    Alert alert = visibleAlert(member, command.alert());
    if (member.isOperator() || !member.role().acts()) {
      throw ServiceException.forbidden(
          "only an officer or commander of party " + alert.recipient() + " marks it deconflicted");
    }
    if (alert.state() == AlertState.RESOLVED) {
      throw ServiceException.conflict("alert " + alert.id() + " is resolved");
    }
    String note = command.note().orElse("");
    boolean all = book.markDeconflicted(alert, note);
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            ALERT_DECONFLICT,
            true,
            member.id(),
            withResult(command, Json.object().put("party", member.party())),
            new Audience(Set.of(alert.recipient()), true)));
    counterpart(alert, "deconflicted", note, now, facts);
    if (all) {
      resolveAll(alert.conflictId(), "both parties marked it deconflicted", now, facts);
    }
    return new Outcome(
        Json.object()
            .put("alert", alert.id())
            .put("resolved", all)
            .put("state", alert.state().wireName()),
        facts);
  }

  private Alert visibleAlert(Member member, String id) {
    Alert alert = book.alert(id).or(() -> retired.alert(id)).orElse(null);
    if (alert == null || (!member.isOperator() && !alert.recipient().equals(member.party()))) {
      throw ServiceException.notFound("alert " + id);
    }
    return alert;
  }

  /** One alert as its recipient (or an operator) sees it now. */
  @Override
  public AlertView alertView(Member viewer, String id) {
    Alert alert = visibleAlert(viewer, id);
    return alertView(alert, !viewer.isOperator(), false);
  }

  @Override
  public Optional<ProposalView> proposals(Member viewer, String id, Optional<Integer> holdAt) {
    Alert alert = visibleAlert(viewer, id);
    if (viewer.isOperator()) {
      return Optional.empty();
    }
    Sharing shared =
        visibility.sharing(
            alert.recipient(), alert.otherParty(), Visibility.Of.ALERT, alert.raisedAt());
    return proposals.of(alert, Visibility.alert(shared), latest, holdAt);
  }

  @Override
  public AlertView alertViewWithProposals(Member viewer, String id) {
    Alert alert = visibleAlert(viewer, id);
    return alertView(alert, !viewer.isOperator(), !viewer.isOperator());
  }

  /**
   * The alerts the viewer may see, newest first, optionally only those in one state: those in
   * memory, then, if the limit leaves room and resolved ones are asked for, the archived ones.
   */
  @Override
  public List<AlertView> alertViews(Member viewer, Optional<String> state, int limit) {
    List<Alert> list = new ArrayList<>();
    for (Alert a : book.all()) {
      if ((viewer.isOperator() || a.recipient().equals(viewer.party()))
          && (state.isEmpty() || a.state().wireName().equals(state.get()))) {
        list.add(a);
      }
    }
    List<Alert> newest = new ArrayList<>(Math.min(limit, list.size()));
    for (int i = list.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(list.get(i));
    }
    if (state.isEmpty() || state.get().equals(AlertState.RESOLVED.wireName())) {
      Optional<String> recipient =
          viewer.isOperator() ? Optional.empty() : Optional.of(viewer.party());
      // archived alerts are older than the newest in memory only by number: merge by number
      newest.addAll(retired.alerts(recipient, book.nextAlertNumber(), limit));
      newest.sort(
          Comparator.comparingLong((Alert a) -> ArchivedConflict.number(a.id())).reversed());
    }
    List<AlertView> out = new ArrayList<>();
    for (int i = 0; i < newest.size() && out.size() < limit; i++) {
      out.add(alertView(newest.get(i), !viewer.isOperator(), false));
    }
    return out;
  }

  /**
   * An alert as its recipient is told of it: its own item by id, of the other party's item only
   * what the agreement in force when it was raised lets that party share; with its resolution
   * proposals if asked (D41: the view of one alert, to a member of its recipient).
   */
  private AlertView alertView(Alert alert, boolean withOwnFeature, boolean withProposals) {
    Sharing shared =
        visibility.sharing(
            alert.recipient(), alert.otherParty(), Visibility.Of.ALERT, alert.raisedAt());
    // a participant's alert names the joint movement by its engine id (D39)
    Notified ownItem =
        notifications
            .get(
                alert.ownItem().contains("/")
                    ? alert.ownItem()
                    : Notified.engineId(alert.recipient(), alert.ownItem()))
            .orElse(null);
    Optional<AlertViews.OwnItem> own =
        withOwnFeature && ownItem != null
            ? Optional.of(new AlertViews.OwnItem(ownItem.version(), ownItem.feature()))
            : Optional.empty();
    Subject subject = alert.subject();
    Optional<Instant> lapsed =
        reconfirmations.lapsedSince(subject.b()).or(() -> reconfirmations.lapsedSince(subject.a()));
    Optional<ProposalView> proposed =
        withProposals ? proposals.of(alert, Visibility.alert(shared), latest) : Optional.empty();
    return AlertViews.of(alert, shared, own, linked(alert), lapsed, proposed);
  }

  /** The recipient's alert linked with this one (D29): same recipient, the linked conflict. */
  private Optional<AlertView.Linked> linked(Alert alert) {
    return live.linkOf(alert.conflictId())
        .flatMap(
            other ->
                (book.ofConflict(other).isEmpty()
                        ? retired.conflict(other).map(ArchivedConflict::alerts).orElse(List.of())
                        : book.ofConflict(other))
                    .stream().filter(a -> a.recipient().equals(alert.recipient())).findFirst())
        .map(
            o ->
                new AlertView.Linked(
                    o.id(),
                    o.conflictId(),
                    o.subject().kind(),
                    o.subject().kind().equals(ConflictKind.MOVEMENT_MOVEMENT.wireName())
                        ? o.subject().closest().map(ClosestApproach::time)
                        : Optional.empty()));
  }

  // ---------------------------------------------------------------------------------------------
  // hotline and incidents

  /** The hotline. */
  public Hotline hotline() {
    return hotline;
  }

  @Override
  public List<ObjectNode> incidents(Member viewer) {
    return incidents.list(viewer);
  }

  @Override
  public ObjectNode incident(Member viewer, String id) {
    return incidents.get(viewer, id);
  }

  /** The incidents. */
  public Incidents incidents() {
    return incidents;
  }

  /** The messages of a hotline thread the viewer may read, rendered in {@code language}. */
  @Override
  public List<ObjectNode> hotlineMessages(Member viewer, String thread, Language language) {
    return hotline.messages(viewer, thread, language, this::conflictParties);
  }

  /** The hotline threads the viewer may read. */
  @Override
  public List<String> hotlineThreads(Member viewer) {
    return hotline.threads(viewer, this::conflictParties);
  }

  // ---------------------------------------------------------------------------------------------
  // resolution proposals (D41)

  /**
   * Refuses a proposal ({@code propose-delay}, {@code propose-advance}) that is not posted in the
   * thread of a current conflict, or whose shift of the reader's movement leaves it in conflict.
   */
  private void checkProposal(Member member, String thread, CodedMessage coded, Instant now) {
    MessageCode code = coded.code();
    if (code != MessageCode.PROPOSE_DELAY && code != MessageCode.PROPOSE_ADVANCE) {
      return;
    }
    String conflictId = thread.startsWith("conflict:") ? thread.substring(9) : "";
    Alert mine =
        book.ofConflict(conflictId).stream()
            .filter(a -> a.recipient().equals(member.party()))
            .filter(a -> a.state() != AlertState.RESOLVED)
            .findFirst()
            .orElseThrow(
                () ->
                    ServiceException.invalid(
                        "/thread",
                        "a proposal goes to the thread of a current conflict of your party"
                            + " (conflict:<id>), got "
                            + thread));
    int minutes =
        ((ParamValue.Minutes) Objects.requireNonNull(coded.params().get("minutes"))).minutes();
    Duration by = Duration.ofMinutes(code == MessageCode.PROPOSE_DELAY ? minutes : -minutes);
    proposals.requireClears(
        Notified.engineId(mine.otherParty(), mine.otherItem()),
        by,
        now,
        (code == MessageCode.PROPOSE_DELAY ? "a delay of " : "an advance of ") + minutes + " min");
  }

  @Override
  public Acceptance acceptance(Member viewer, String alertId, Duration by, Instant now) {
    requireActor(viewer, "accept a proposal");
    Alert alert = visibleAlert(viewer, alertId);
    if (alert.state() == AlertState.RESOLVED) {
      throw ServiceException.conflict("alert " + alert.id() + " is resolved");
    }
    String engineId = Notified.engineId(alert.recipient(), alert.ownItem());
    long minutes = by.abs().toMinutes();
    proposals.requireClears(
        engineId,
        by,
        now.isAfter(latest) ? now : latest,
        (by.isNegative() ? "an advance of " : "a delay of ") + minutes + " min");
    Notified own = notifications.get(engineId).orElseThrow();
    NotifyItem notify =
        new NotifyItem(
            "movement",
            true,
            own.emergency() ? Optional.of(true) : Optional.empty(),
            Proposals.shiftedFeature(own.feature(), by));
    PostMessage reply =
        PostMessage.coded(
            "conflict:" + alert.conflictId(),
            new CodedMessage(
                by.isNegative() ? MessageCode.WILL_ADVANCE : MessageCode.WILL_DELAY,
                Map.of("minutes", new ParamValue.Minutes(Math.toIntExact(minutes)))));
    return new Acceptance(alert.id(), own.id(), notify, reply);
  }

  /** The two parties of a conflict, if the conflict exists or existed. */
  private Optional<Set<String>> conflictParties(String conflictId) {
    Optional<Set<String>> inMemory = book.parties(conflictId);
    return inMemory.isPresent()
        ? inMemory
        : retired.conflict(conflictId).map(ArchivedConflict::parties);
  }

  /** Whether a conflict or alert id is visible to the member. */
  private boolean visibleRefs(Member member, String ref) {
    if (ref.startsWith("al-")) {
      Alert a = book.alert(ref).or(() -> retired.alert(ref)).orElse(null);
      return a != null && (member.isOperator() || a.recipient().equals(member.party()));
    }
    Optional<Set<String>> parties = conflictParties(ref);
    return parties.isPresent() && (member.isOperator() || parties.get().contains(member.party()));
  }

  // ---------------------------------------------------------------------------------------------

  private static Outcome commandFact(Fact fact) {
    return new Outcome(fact.body().path("result").deepCopy(), List.of(fact));
  }

  private static void requireActor(Member member, String what) {
    if (member.isOperator() || !member.role().acts()) {
      throw ServiceException.forbidden(
          "role " + member.role().wireName() + " may not " + what + "; officers and commanders do");
    }
  }

  /** The command's body as journaled: what was asked, and what it did under {@code result}. */
  private static ObjectNode withResult(Command command, ObjectNode result) {
    return Json.withResult(encode(command), result);
  }

  private static ObjectNode encode(Command command) {
    return CommandCodec.encode(command);
  }

  @Override
  public boolean revoked(String tokenSha256) {
    return access.revoked(tokenSha256);
  }

  /** The number of stored items (for metrics). */
  @Override
  public int itemCount() {
    return notifications.count();
  }

  @Override
  public SortedMap<Integer, Integer> openAlertsByLevel() {
    SortedMap<Integer, Integer> open = new TreeMap<>();
    for (Alert a : book.all()) {
      if (a.state() == AlertState.OPEN) {
        open.merge(a.level(), 1, Integer::sum);
      }
    }
    return open;
  }
}
