package io.deconflict.server;

import io.javalin.config.JettyConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own errors as problem documents ({@link Problems}): those it answers before any route
 * runs, for a request it cannot parse (a control character or a bad escape in the request line, an
 * unknown HTTP version: {@code 400}, {@code 505}), or one over its limits (URI {@code 414}, headers
 * {@code 431}); and any error the servlet container sends itself. Jetty's documented hook for both
 * is its {@link ErrorHandler}: {@link #badMessageError} for a request it could not parse, {@link
 * #handle} for the rest; Jetty's default writes HTML.
 *
 * <p>Stateless apart from the limit it reports; thread-safe.
 */
final class ContainerErrors extends ErrorHandler {

  /**
   * The bytes the request line and the headers may take together ({@code 414} or {@code 431}
   * beyond): Jetty's default, set here so that the error can say it.
   */
  static final int HEADER_BYTES = 8192;

  /** Answers Jetty's errors on this server, server-wide and in the servlet context, as problems. */
  static void install(JettyConfig jetty) {
    ContainerErrors errors = new ContainerErrors();
    jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(HEADER_BYTES));
    jetty.modifyServer(server -> server.setErrorHandler(errors));
    jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
    return ByteBuffer.wrap(
        Problems.document(status, Problems.statusType(status), detail(status, reason), null, ""));
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    if (response.isCommitted()) {
      return;
    }
    int status = response.getStatus();
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    byte[] body =
        Problems.document(
            status,
            Problems.statusType(status),
            detail(status, message == null ? null : message.toString()),
            request.getRequestURI(),
            "");
    response.setContentType(Problems.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String detail(int status, @Nullable String reason) {
    String why = reason == null || reason.isBlank() ? "" : ": " + reason;
    return switch (status) {
      case 400 -> "the request is not valid HTTP/1.1" + why;
      case 414 ->
          "the request URI is too long: the request line and headers may take "
              + HEADER_BYTES
              + " bytes";
      case 431 -> "the request headers are larger than " + HEADER_BYTES + " bytes";
      case 505 -> "the HTTP version is not supported; send HTTP/1.1" + why;
      default -> reason == null || reason.isBlank() ? "error " + status : reason;
    };
  }
}
