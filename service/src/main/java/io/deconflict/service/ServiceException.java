package io.deconflict.service;

/**
 * A command or query refused. Nothing was stored. The kind says why; {@link #field()} names the
 * input at fault (a JSON pointer into the request body), or is empty.
 */
public final class ServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Kind {
    /** The input breaks the contract (400/422). */
    INVALID,
    /** No such object, or not one the caller may see: the two are never told apart (404). */
    NOT_FOUND,
    /** The caller's role may not do this (403). */
    FORBIDDEN,
    /** The object's state does not allow this now (409). */
    CONFLICT,
    /** The service cannot accept writes (503). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String field;

  private ServiceException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  /** The input at {@code field} (a JSON pointer such as {@code /readBack/start}) is wrong. */
  public static ServiceException invalid(String field, String message) {
    return new ServiceException(Kind.INVALID, field, message);
  }

  /** {@code what} does not exist or is not visible to the caller. */
  public static ServiceException notFound(String what) {
    return new ServiceException(Kind.NOT_FOUND, "", what + " not found");
  }

  /** The caller's role may not do this. */
  public static ServiceException forbidden(String message) {
    return new ServiceException(Kind.FORBIDDEN, "", message);
  }

  /** The object's state does not allow this. */
  public static ServiceException conflict(String message) {
    return new ServiceException(Kind.CONFLICT, "", message);
  }

  /** The service cannot take writes. */
  public static ServiceException unavailable(String message) {
    return new ServiceException(Kind.UNAVAILABLE, "", message);
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }

  /** The JSON pointer of the input at fault, or empty. */
  public String field() {
    return field;
  }
}
