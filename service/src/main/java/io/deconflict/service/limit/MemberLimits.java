package io.deconflict.service.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-member limits at the edge of the service: a token bucket of requests ({@link
 * Settings#requestsPerSecond()} refilled continuously, up to {@link Settings#burst()}) and a count
 * of open connections ({@link Settings#connectionsPerMember()}: requests in progress, event streams
 * and TAK connections together). A member over a limit is refused at once with {@link
 * LimitExceeded}; it never waits, and no other member's bucket or count is touched, so one member's
 * flood costs the others only the work of refusing it.
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
   * @param connectionsPerMember how many connections may be open at once, 1..100,000
   */
  public record Settings(double requestsPerSecond, int burst, int connectionsPerMember) {

    /** 50 requests a second, bursts of 100, 16 connections. */
    public static final Settings DEFAULT = new Settings(50, 100, 16);

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

  private MemberLimits(Settings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
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
   * Opens a connection of {@code member} (a request in progress, an event stream, a TAK
   * connection).
   *
   * @throws LimitExceeded if the member already has {@link Settings#connectionsPerMember()} open
   */
  public Lease open(String member) {
    State s = state(member);
    synchronized (s) {
      if (s.open >= settings.connectionsPerMember()) {
        throw new LimitExceeded(
            LimitExceeded.Limit.CONNECTIONS,
            Duration.ofSeconds(1),
            "member "
                + member
                + " has "
                + s.open
                + " connections open, the most allowed (limits.connectionsPerMember); close one"
                + " or try again later");
      }
      s.open++;
    }
    return new Lease() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (s) {
          if (!closed) {
            closed = true;
            s.open--;
          }
        }
      }
    };
  }

  /** How many connections {@code member} has open now. */
  public int openConnections(String member) {
    State s = state(member);
    synchronized (s) {
      return s.open;
    }
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
