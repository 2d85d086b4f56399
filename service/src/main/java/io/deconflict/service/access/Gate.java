package io.deconflict.service.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.RecordRefusedSignIn;
import io.deconflict.service.command.RevokeTokens;
import io.deconflict.service.party.Credential;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where every transport signs members in: a bearer token is admitted if a configured member holds
 * it, it has not expired and no operator revoked it. Refusals are journaled ({@code
 * access.refused}, for the operators) within the {@link RefusalBudget}. A transport registers each
 * connection or stream it holds open for a token ({@link #opened}); revoking the token ({@link
 * #revoke}), or a reload that withdraws it ({@link #reload}), closes them at once, and a sweep each
 * second closes those whose token expired.
 *
 * <p>The members' tokens come from the configuration and can be reloaded while the service runs;
 * parties and members themselves cannot (the state machine was built with them): a reload that
 * would change them is refused and the tokens in force stay.
 *
 * <p>Thread-safe. Refusals are journaled on a thread of the gate's own, so a transport's thread
 * never waits for the journal to refuse a sign-in.
 */
public final class Gate implements AutoCloseable {

  /** The transport name of the HTTP API. */
  public static final String HTTP = "http";

  /** The transport name of the TAK listener. */
  public static final String TAK = "tak";

  /** How often open connections are checked for tokens that expired. */
  static final long SWEEP_MILLIS = 1000;

  private final Application app;
  private final Clock clock;
  private final Supplier<Directory> source;
  private final RefusalBudget budget = new RefusalBudget();
  private final Map<String, Set<Connection>> open = new ConcurrentHashMap<>();
  private final ExecutorService recorder;
  private final ScheduledExecutorService sweeper;
  private final Object changes = new Object();
  private volatile Directory directory;

  /** One connection or stream open for a token; {@link #close()} when it ends. */
  public final class Connection implements AutoCloseable {
    private final String tokenSha256;
    private final Runnable closer;

    private Connection(String tokenSha256, Runnable closer) {
      this.tokenSha256 = tokenSha256;
      this.closer = closer;
    }

    /** Forgets the connection (it ended); does not close it. */
    @Override
    public void close() {
      Set<Connection> set = open.get(tokenSha256);
      if (set != null) {
        set.remove(this);
      }
    }

    private void end() {
      close();
      closer.run();
    }
  }

  private Gate(Application app, Directory directory, Clock clock, Supplier<Directory> source) {
    this.app = app;
    this.directory = directory;
    this.clock = clock;
    this.source = source;
    this.recorder = Executors.newSingleThreadExecutor(daemon("deconflict-access-record"));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("deconflict-access-sweep"));
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * A gate over the members of {@code directory}.
   *
   * @param source reads the members anew for {@link #reload} (the configuration file); what it
   *     throws if the file is wrong (naming the file and field) becomes the reload's 409
   */
  public static Gate open(
      Application app, Directory directory, Clock clock, Supplier<Directory> source) {
    return new Gate(app, directory, clock, source);
  }

  /** A gate whose members are fixed: a reload finds them unchanged. */
  public static Gate fixed(Application app, Directory directory, Clock clock) {
    return new Gate(app, directory, clock, () -> directory);
  }

  /** The parties and members, with the tokens in force. */
  public Directory directory() {
    return directory;
  }

  /**
   * Signs in with a bearer token.
   *
   * @param token the token, empty if none was presented
   * @param transport {@link #HTTP} or {@link #TAK}
   * @param from the client's address, for the record of a refusal
   * @param where what the client asked for, for the record of a refusal
   */
  public SignIn signIn(Optional<String> token, String transport, String from, String where) {
    SignIn result = check(token);
    if (result instanceof SignIn.Refused r) {
      Optional<String> member =
          r.reason() == SignIn.Reason.EXPIRED || r.reason() == SignIn.Reason.REVOKED
              ? directory.holder(token.orElse("")).map(h -> h.member().id())
              : Optional.empty();
      record(transport, r.reason().wireName(), member, from, where);
    }
    return result;
  }

  private SignIn check(Optional<String> token) {
    if (token.isEmpty() || token.get().isEmpty()) {
      return new SignIn.Refused(SignIn.Reason.MISSING, "no bearer token was presented");
    }
    Optional<Directory.Holder> holder = directory.holder(token.get());
    if (holder.isEmpty()) {
      return new SignIn.Refused(SignIn.Reason.UNKNOWN, "the bearer token is not valid");
    }
    Credential c = holder.get().credential();
    if (app.read(q -> q.revoked(c.sha256()))) {
      return new SignIn.Refused(
          SignIn.Reason.REVOKED,
          "the bearer token was revoked by an operator; ask the operator for a new one");
    }
    if (c.expiredAt(clock.instant())) {
      return new SignIn.Refused(
          SignIn.Reason.EXPIRED,
          "the bearer token expired at "
              + c.expires().orElseThrow()
              + "; ask the operator for a new one");
    }
    return new SignIn.Admitted(holder.get().member(), c);
  }

  /**
   * Records a refused sign-in that did not go through {@link #signIn} (a TAK client certificate
   * mapped to nobody, say), within the same bound.
   */
  public void refused(String transport, String reason, String from, String where) {
    record(transport, reason, Optional.empty(), from, where);
  }

  private void record(
      String transport, String reason, Optional<String> member, String from, String where) {
    long suppressed = budget.take(clock.instant());
    if (suppressed < 0) {
      return;
    }
    submitRecord(new RecordRefusedSignIn(transport, reason, member, from, where, suppressed));
  }

  private void submitRecord(RecordRefusedSignIn command) {
    try {
      recorder.execute(
          () -> {
            try {
              app.record(command);
            } catch (RuntimeException e) {
              // the service is shutting down or its journal failed: it reports that itself
            }
          });
    } catch (RejectedExecutionException closing) {
      // the gate is closed
    }
  }

  /**
   * Registers a connection or stream open for an admitted token, closed by {@code closer} when the
   * token is revoked, withdrawn or expires. If that happened already, it is closed at once.
   */
  public Connection opened(SignIn.Admitted admitted, Runnable closer) {
    String hash = admitted.credential().sha256();
    Connection c = new Connection(hash, closer);
    open.computeIfAbsent(hash, k -> ConcurrentHashMap.newKeySet()).add(c);
    // a revocation or reload that ended this token's connections before it was registered
    if (!(check(hash) instanceof SignIn.Admitted)) {
      c.end();
    }
    return c;
  }

  /** The sign-in result for a token known by its hash only (no record of a refusal). */
  private SignIn check(String tokenSha256) {
    Optional<Directory.Holder> holder = directory.holderOfHash(tokenSha256);
    if (holder.isEmpty()) {
      return new SignIn.Refused(SignIn.Reason.UNKNOWN, "withdrawn");
    }
    if (app.read(q -> q.revoked(tokenSha256))) {
      return new SignIn.Refused(SignIn.Reason.REVOKED, "revoked");
    }
    if (holder.get().credential().expiredAt(clock.instant())) {
      return new SignIn.Refused(SignIn.Reason.EXPIRED, "expired");
    }
    return new SignIn.Admitted(holder.get().member(), holder.get().credential());
  }

  /** How many connections are open for tokens (for tests and metrics). */
  public int openConnections() {
    return open.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Revokes tokens of a member: the one with {@code tokenSha256} if given, else every token the
   * member holds now. The revocation is journaled first; then every connection open for those
   * tokens is closed.
   *
   * @throws ServiceException if the member or token is not configured, or {@code by} may not
   */
  public JsonNode revoke(
      Member by, String memberId, Optional<String> tokenSha256, Optional<String> reason) {
    synchronized (changes) {
      Member holder =
          directory
              .member(memberId)
              .orElseThrow(() -> ServiceException.notFound("member " + memberId));
      List<String> hashes = new ArrayList<>();
      if (tokenSha256.isPresent()) {
        if (holder.tokens().stream().noneMatch(c -> c.sha256().equals(tokenSha256.get()))) {
          throw ServiceException.notFound("token " + tokenSha256.get() + " of member " + memberId);
        }
        hashes.add(tokenSha256.get());
      } else {
        holder.tokens().forEach(c -> hashes.add(c.sha256()));
      }
      if (hashes.isEmpty()) {
        throw ServiceException.conflict("member " + memberId + " holds no token to revoke");
      }
      JsonNode reply = app.submit(by, new RevokeTokens(memberId, hashes, reason));
      endAll(hashes);
      return reply;
    }
  }

  /**
   * Reads the members' tokens anew from the configuration and puts them in force: tokens added work
   * at once, expiries changed apply at once, and tokens no longer listed are revoked (journaled as
   * {@code token.revoke} by {@code by}) and their connections closed.
   *
   * @throws ServiceException ({@code conflict}) if the configuration cannot be read, or changes
   *     parties or members (ids, parties, roles), which needs a restart; nothing changes then
   */
  public JsonNode reload(Member by) {
    synchronized (changes) {
      Directory next;
      try {
        next = source.get();
      } catch (RuntimeException e) {
        // whatever the source throws (a missing file, a wrong field): the tokens in force stay
        throw ServiceException.conflict("the configuration was not reloaded: " + e.getMessage());
      }
      Directory current = directory;
      Reload.requireSameMembers(current, next);
      List<RevokeTokens> withdrawals = Reload.withdrawn(current, next);
      for (RevokeTokens w : withdrawals) {
        app.submit(by, w);
      }
      directory = next;
      List<String> ended = new ArrayList<>();
      withdrawals.forEach(w -> ended.addAll(w.tokens()));
      endAll(ended);
      ObjectNode reply = Json.object();
      reply.put("members", next.members().size());
      reply.put("tokens", next.members().stream().mapToInt(m -> m.tokens().size()).sum());
      reply.put("withdrawn", ended.size());
      return reply;
    }
  }

  private void endAll(List<String> hashes) {
    for (String hash : hashes) {
      Set<Connection> set = open.remove(hash);
      if (set != null) {
        set.forEach(Connection::end);
      }
    }
  }

  /** Closes connections whose token expired or is no longer in force; journals left-out counts. */
  private void sweep() {
    try {
      Instant now = clock.instant();
      for (String hash : List.copyOf(open.keySet())) {
        Optional<Directory.Holder> h = directory.holderOfHash(hash);
        if (h.isEmpty() || h.get().credential().expiredAt(now)) {
          endAll(List.of(hash));
        }
      }
      long left = budget.flush(now);
      if (left > 0) {
        submitRecord(new RecordRefusedSignIn("any", "suppressed", Optional.empty(), "", "", left));
      }
    } catch (RuntimeException e) {
      // the next sweep tries again
    }
  }

  /** Stops the sweep and the recorder; connections stay open (their transports close them). */
  @Override
  public void close() {
    sweeper.shutdownNow();
    recorder.shutdown();
    try {
      recorder.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
