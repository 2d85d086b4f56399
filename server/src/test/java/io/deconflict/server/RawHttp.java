package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.deconflict.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken byte by byte over a socket, for requests an HTTP client refuses to send (a NUL in
 * the path, a bad escape, bytes that are not UTF-8): one request per connection, the whole response
 * read until the server closes it.
 */
final class RawHttp {

  private final String host;
  private final int port;

  RawHttp(URI server) {
    this.host = server.getHost();
    this.port = server.getPort();
  }

  /** A response: status, headers (names in lower case), body. */
  record Response(int status, Map<String, String> headers, byte[] body) {

    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    /** The body as JSON, or a missing node if it is not. */
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }

    /**
     * Asserts that this is a problem document (docs/api.md, Errors) of {@code status} and {@code
     * type} whose detail contains {@code detail}; returns it.
     */
    JsonNode problem(int status, String type, String detail) {
      JsonNode p = json();
      assertThat(status()).as(toString()).isEqualTo(status);
      assertThat(contentType()).as(toString()).startsWith("application/problem+json");
      assertThat(p.path("type").asText())
          .as(toString())
          .isEqualTo("urn:deconflict:problem:" + type);
      assertThat(p.path("status").asInt()).as(toString()).isEqualTo(status);
      assertThat(p.path("title").asText()).as(toString()).isNotBlank();
      assertThat(p.path("detail").asText()).as(toString()).contains(detail);
      return p;
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Sends {@code head} (the request line and headers, without the blank line) and a body. */
  Response send(byte[] head, byte[] body) {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(head);
      request.writeBytes(
          ("\r\nHost: "
                  + host
                  + "\r\nConnection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(body);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.toByteArray());
        out.flush();
      } catch (java.net.SocketException e) {
        // the server refused the request before reading all of it; its answer may be waiting
      }
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request whose request line and headers are {@code head} (ASCII), and a body. */
  Response send(String head, byte[] body) {
    return send(head.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** Sends a request for {@code member} (token {@code token-<member>}) with a body. */
  Response send(String method, String target, String member, String contentType, byte[] body) {
    return send(
        method
            + " "
            + target
            + " HTTP/1.1\r\nAuthorization: Bearer token-"
            + member
            + "\r\nContent-Type: "
            + contentType,
        body);
  }

  /** POSTs a JSON body in UTF-8 for {@code member} to a path under /api/v1. */
  Response post(String member, String path, String json) {
    return send(
        "POST",
        "/api/v1" + path,
        member,
        "application/json",
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException e) {
      // a server that closes on a bad request may reset the connection after its response
    }
    byte[] bytes = all.toByteArray();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int eol = i;
      while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
        eol++;
      }
      int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.US_ASCII), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
