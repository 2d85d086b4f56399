package io.deconflict.tak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.limit.MemberLimits;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real service (state machine, SQLite journal, writer thread), wired by {@link ServiceRuntime}
 * as {@code serve} wires it, with a TAK listener on free ports. Parties {@code us}, {@code ru},
 * {@code tr}; an officer each ({@code us-officer}, ...) and an operator; tokens are {@code
 * token-<member>}. An agreement lets {@code us} and {@code ru} share positions; {@code tr} has
 * none, so it sees nothing of theirs.
 */
final class TakFixture implements AutoCloseable {

  final Directory directory;
  final SqliteJournal journal;
  final ServiceRuntime runtime;
  final Application app;
  final TakListener listener;

  TakFixture(Path data, UnaryOperator<TakSettings> settings) {
    this(data, settings, MemberLimits.of(MemberLimits.Settings.NONE, System::nanoTime));
  }

  /** A fixture whose listener counts TAK connections against these limits. */
  TakFixture(Path data, UnaryOperator<TakSettings> settings, MemberLimits limits) {
    List<Party> parties =
        List.of(
            new Party("us", "US", "en"), new Party("ru", "RU", "ru"), new Party("tr", "TR", "tr"));
    List<Member> members = new ArrayList<>();
    for (String p : List.of("us", "ru", "tr")) {
      members.add(member(p + "-officer", p, Role.OFFICER));
      members.add(member(p + "-observer", p, Role.OBSERVER));
    }
    members.add(member("operator", "mechanism", Role.OPERATOR));
    directory = new Directory(parties, members);
    journal = SqliteJournal.open(data.resolve("journal.db"));
    runtime =
        ServiceRuntime.open(
            journal,
            directory,
            Defaults.STANDARD,
            Clock.systemUTC(),
            20,
            Application.DEFAULT_MAX_COMMIT_BYTES);
    app = runtime.application();
    ObjectNode agreement = Json.object();
    agreement.putArray("parties").add("us").add("ru");
    agreement.put("effectiveFrom", "2020-01-01T00:00:00Z").put("separationMeters", 1000);
    agreement.putObject("sharing").put("us", "positions").put("ru", "positions");
    app.submit(directory.member("operator").orElseThrow(), Deconfliction.AGREEMENT_SET, agreement);
    listener =
        TakListener.start(
            app,
            directory,
            settings.apply(TakSettings.plain("127.0.0.1", 0)),
            Clock.systemUTC(),
            limits);
  }

  private static Member member(String id, String party, Role role) {
    return new Member(id, party, role, id, Tokens.sha256("token-" + id));
  }

  Member member(String id) {
    return directory.member(id).orElseThrow();
  }

  /** A client signed in as {@code member} over plain TCP. */
  TakClient client(String member, String uid) throws Exception {
    TakClient c = TakClient.connect(listener.tcpPort(), uid);
    c.auth(member);
    return c;
  }

  @Override
  public void close() {
    listener.close();
    runtime.close();
  }
}
