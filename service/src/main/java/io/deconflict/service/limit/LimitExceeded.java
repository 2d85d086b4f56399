package io.deconflict.service.limit;

import java.time.Duration;

/**
 * A member went over one of its {@link MemberLimits}: nothing was done, and the member may try
 * again after {@link #retryAfter()}. Transports answer it as HTTP 429 with {@code Retry-After}.
 */
public final class LimitExceeded extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Which limit. */
  public enum Limit {
    /** The member's request rate ({@code limits.requestsPerSecond}, {@code limits.burst}). */
    RATE,
    /** The member's open HTTP requests and event streams ({@code limits.connectionsPerMember}). */
    CONNECTIONS,
    /** The member's TAK connections ({@code limits.takConnectionsPerMember}). */
    TAK_CONNECTIONS;

    /** The name in metrics and logs, lower case. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Limit limit;
  private final Duration retryAfter;

  LimitExceeded(Limit limit, Duration retryAfter, String message) {
    super(message, null, false, false); // no stack trace: a flood of refusals must stay cheap
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /** Which limit was reached. */
  public Limit limit() {
    return limit;
  }

  /** How long to wait before trying again; whole seconds, at least one. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
