package io.deconflict.service.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Per-member limits at the edge of the service: a token bucket of HTTP requests ({@link
 * Settings#requestsPerSecond()} refilled continuously, up to {@link Settings#burst()}), a count of
 * open HTTP connections ({@link Settings#connectionsPerMember()}: requests in progress and event
 * streams, which hold a server thread each), and a count of TAK connections ({@link
 * Settings#takConnectionsPerMember()}: many devices may sign in as one member). A member over a
 * limit is refused at once with {@link LimitExceeded}; it never waits, and no other member's bucket
 * or count is touched, so one member's flood costs the others only the work of refusing it.
 *
 * <p>Time is injected (a nanosecond ticker such as {@code System::nanoTime}). Cost: one map lookup
 * and a short lock on the member's own state per call. Thread-safe; the members' states are kept
 * for the life of the instance (members come from the configuration, so they are few).
 */
public final class MemberLimits {

  /**
   * The limits of every member.
   *
   * @param requestsPerSecond the sustained request rate, in (0, 1,000,000]
   * @param burst how many requests may come at once after a quiet spell, 1..1,000,000
   * @param connectionsPerMember how many HTTP requests and event streams may be open at once,
   *     1..100,000
   * @param takConnectionsPerMember how many TAK connections may be signed in at once, 1..1,000,000
   */
  public record Settings(
      double requestsPerSecond, int burst, int connectionsPerMember, int takConnectionsPerMember) {

    /** 50 requests a second, bursts of 100, 16 HTTP connections, 1,024 TAK connections. */
    public static final Settings DEFAULT = new Settings(50, 100, 16, 1024);

    /** Limits no client reaches: for tools and benchmarks that start a transport on their own. */
    public static final Settings NONE = new Settings(1_000_000, 1_000_000, 100_000, 1_000_000);

    /** Checks the ranges. */
    public Settings {
      if (!(requestsPerSecond > 0 && requestsPerSecond <= 1_000_000)) {
        throw new IllegalArgumentException(
            "limits.requestsPerSecond must be in (0, 1000000], got " + requestsPerSecond);
      }
      if (burst < 1 || burst > 1_000_000) {
        throw new IllegalArgumentException("limits.burst must be 1..1000000, got " + burst);
      }
      if (connectionsPerMember < 1 || connectionsPerMember > 100_000) {
        throw new IllegalArgumentException(
            "limits.connectionsPerMember must be 1..100000, got " + connectionsPerMember);
      }
      if (takConnectionsPerMember < 1 || takConnectionsPerMember > 1_000_000) {
        throw new IllegalArgumentException(
            "limits.takConnectionsPerMember must be 1..1000000, got " + takConnectionsPerMember);
      }
    }
  }

  /** An open connection; closing it gives its place back (once, however often it is closed). */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Settings settings;
  private final LongSupplier nanoTime;
  private final Map<String, State> members = new ConcurrentHashMap<>();
  private final LongAdder[] refusals = new LongAdder[LimitExceeded.Limit.values().length];

  private MemberLimits(Settings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    for (int i = 0; i < refusals.length; i++) {
      refusals[i] = new LongAdder();
    }
  }

  /** Limits with these settings, on this ticker (nanoseconds, as {@link System#nanoTime()}). */
  public static MemberLimits of(Settings settings, LongSupplier nanoTime) {
    return new MemberLimits(settings, nanoTime);
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * Counts one request of {@code member}.
   *
   * @throws LimitExceeded if the member's bucket is empty; the request must not be served
   */
  public void admit(String member) {
    State s = state(member);
    long wait;
    synchronized (s) {
      long now = nanoTime.getAsLong();
      s.refill(now, settings);
      if (s.tokens >= 1) {
        s.tokens -= 1;
        return;
      }
      wait = (long) Math.ceil((1 - s.tokens) / settings.requestsPerSecond() * NANOS_PER_SECOND);
    }
    refused(LimitExceeded.Limit.RATE);
    throw new LimitExceeded(
        LimitExceeded.Limit.RATE,
        wholeSeconds(wait),
        "member "
            + member
            + " sent more than "
            + settings.burst()
            + " requests at once or more than "
            + rate()
            + " a second (limits.requestsPerSecond, limits.burst); try again later");
  }

  /**
   * Opens an HTTP connection of {@code member}: a request in progress or an event stream.
   *
   * @throws LimitExceeded if the member already has {@link Settings#connectionsPerMember()} open
   */
  public Lease open(String member) {
    return open(member, false);
  }

  /**
   * Opens a TAK connection of {@code member}, for as long as it stays signed in.
   *
   * @throws LimitExceeded if the member already has {@link Settings#takConnectionsPerMember()}
   *     signed in
   */
  public Lease openTak(String member) {
    return open(member, true);
  }

  private Lease open(String member, boolean tak) {
    State s = state(member);
    synchronized (s) {
      int open = tak ? s.takOpen : s.open;
      int most = tak ? settings.takConnectionsPerMember() : settings.connectionsPerMember();
      if (open >= most) {
        refused(tak ? LimitExceeded.Limit.TAK_CONNECTIONS : LimitExceeded.Limit.CONNECTIONS);
        throw new LimitExceeded(
            tak ? LimitExceeded.Limit.TAK_CONNECTIONS : LimitExceeded.Limit.CONNECTIONS,
            Duration.ofSeconds(1),
            "member "
                + member
                + " has "
                + open
                + (tak ? " TAK connections" : " requests and event streams")
                + " open, the most allowed ("
                + (tak ? "limits.takConnectionsPerMember" : "limits.connectionsPerMember")
                + "); close one or try again later");
      }
      if (tak) {
        s.takOpen++;
      } else {
        s.open++;
      }
    }
    return new Lease() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (s) {
          if (!closed) {
            closed = true;
            if (tak) {
              s.takOpen--;
            } else {
              s.open--;
            }
          }
        }
      }
    };
  }

  /** How many HTTP requests and event streams {@code member} has open now. */
  public int openConnections(String member) {
    State s = state(member);
    synchronized (s) {
      return s.open;
    }
  }

  /** How many TAK connections {@code member} has signed in now. */
  public int openTakConnections(String member) {
    State s = state(member);
    synchronized (s) {
      return s.takOpen;
    }
  }

  /** How many requests or connections were refused for {@code limit} since the start. */
  public long refusals(LimitExceeded.Limit limit) {
    return refusals[limit.ordinal()].sum();
  }

  private void refused(LimitExceeded.Limit limit) {
    refusals[limit.ordinal()].increment();
  }

  private State state(String member) {
    return members.computeIfAbsent(member, m -> new State(settings.burst(), nanoTime.getAsLong()));
  }

  private String rate() {
    double r = settings.requestsPerSecond();
    return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
  }

  private static Duration wholeSeconds(long nanos) {
    return Duration.ofSeconds(Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND));
  }

  /** One member's bucket and open connections; guarded by its own monitor. */
  private static final class State {
    double tokens;
    long refilledAt;
    int open;
    int takOpen;

    State(int tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    void refill(long now, Settings settings) {
      long elapsed = now - refilledAt;
      if (elapsed > 0) {
        tokens =
            Math.min(
                settings.burst(),
                tokens + elapsed * settings.requestsPerSecond() / NANOS_PER_SECOND);
        refilledAt = now;
      }
    }
  }
}
