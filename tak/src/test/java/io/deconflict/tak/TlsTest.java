package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with client certificates, keys made at test time with the JDK's keytool: a certificate mapped
 * to a member (by subject, or by fingerprint) signs in as that member with no token; one that is
 * not mapped, or not signed by the trusted authority, gets nowhere.
 */
class TlsTest {

  @TempDir static Path keys;

  @TempDir Path data;

  private static TestPki pki;

  @BeforeAll
  static void makeKeys() throws Exception {
    pki = TestPki.make(keys);
  }

  private TakFixture start() throws Exception {
    String ruFingerprint = pki.sha256("ru-atak").toUpperCase(java.util.Locale.ROOT);
    return new TakFixture(
        data,
        s ->
            new TakSettings(
                "127.0.0.1",
                -1,
                0,
                Optional.of(pki.serverTls()),
                Map.of(
                    TakSettings.subjectKey("CN=us-atak-1, OU=TAK, O=US"), "us-officer",
                    TakSettings.fingerprintKey(ruFingerprint), "ru-officer"),
                TakSettings.DEFAULT_MAX_EVENT_BYTES,
                TakSettings.DEFAULT_MAX_CLIENT_BUFFER_BYTES,
                Map.of()));
  }

  private static TakClient connect(int port, String name, String uid) throws Exception {
    return pki.connect(port, name, uid);
  }

  @Test
  void mappedCertificatesSignInAndSeeEachOther() throws Exception {
    try (TakFixture tak = start();
        TakClient us = connect(tak.listener.tlsPort(), "us-atak", "ANDROID-us-1");
        TakClient ru = connect(tak.listener.tlsPort(), "ru-atak", "ANDROID-ru-1")) {
      assertThat(tak.listener.tcpPort()).isEqualTo(-1);
      us.await(e -> e.type().equals("t-x-takp-v"), Duration.ofSeconds(10));
      ru.await(e -> e.type().equals("t-x-takp-v"), Duration.ofSeconds(10));
      ru.negotiate();
      us.send(TakClient.atom("ANDROID-us-1", "a-f-G-U-C", 37, 41, 0, 0, Instant.now()));
      CotEvent seen = ru.await(e -> e.uid().equals("ANDROID-us-1"), Duration.ofSeconds(10));
      assertThat(seen.type()).isEqualTo("a-n-G-U-C");
      assertThat(us.all()).noneMatch(TakClient::isError);
    }
  }

  @Test
  void anUnmappedCertificateIsToldAndDisconnected() throws Exception {
    try (TakFixture tak = start();
        TakClient stranger = connect(tak.listener.tlsPort(), "stranger", "ANDROID-x")) {
      stranger.await(
          e -> TakClient.isError(e) && TakClient.text(e).contains("not mapped"),
          Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!stranger.ended() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(stranger.ended()).isTrue();
    }
  }

  @Test
  void aCertificateFromAnotherAuthorityFailsTheHandshake() throws Exception {
    try (TakFixture tak = start()) {
      boolean refused;
      try (TakClient forged = connect(tak.listener.tlsPort(), "forged", "ANDROID-f")) {
        // TLS 1.3 reports the server's refusal on the first read
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!forged.ended() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        refused = forged.ended() && forged.all().isEmpty();
      } catch (IOException e) {
        refused = true;
      }
      assertThat(refused).isTrue();
      assertThat(Files.exists(keys.resolve("forged.p12"))).isTrue();
    }
  }
}
