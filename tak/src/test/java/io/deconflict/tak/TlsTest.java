package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with client certificates, keys made at test time with the JDK's keytool: a certificate mapped
 * to a member (by subject, or by fingerprint) signs in as that member with no token; one that is
 * not mapped, or not signed by the trusted authority, gets nowhere.
 */
class TlsTest {

  private static final String PASS = "changeit";

  @TempDir static Path keys;

  @TempDir Path data;

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(keys.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  /** A key pair in {@code name.p12}, its certificate signed by {@code ca}. */
  private static void issue(String ca, String name, String dname, String... ext) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dname,
        "-validity",
        "2",
        "-keystore",
        name + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS,
        "-file",
        name + ".csr");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                ca,
                "-keystore",
                ca + ".p12",
                "-storepass",
                PASS,
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".crt",
                "-validity",
                "2"));
    for (String e : ext) {
      gen.add("-ext");
      gen.add(e);
    }
    keytool(gen.toArray(String[]::new));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        ca,
        "-file",
        ca + ".crt",
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS);
    keytool(
        "-importcert",
        "-alias",
        name,
        "-file",
        name + ".crt",
        "-keystore",
        name + ".p12",
        "-storepass",
        PASS);
  }

  private static void authority(String ca) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        ca,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + ca,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        ca,
        "-keystore",
        ca + ".p12",
        "-storepass",
        PASS,
        "-file",
        ca + ".crt");
  }

  @BeforeAll
  static void makeKeys() throws Exception {
    authority("ca");
    authority("rogue-ca");
    issue("ca", "server", "CN=localhost", "san=ip:127.0.0.1");
    issue("ca", "us-atak", "CN=us-atak-1,OU=TAK,O=US");
    issue("ca", "ru-atak", "CN=ru-atak-1,O=RU");
    issue("ca", "stranger", "CN=stranger");
    issue("rogue-ca", "forged", "CN=us-atak-1,OU=TAK,O=US");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.crt",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
  }

  private static String sha256(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance(keys.resolve(name + ".p12").toFile(), PASS.toCharArray());
    byte[] der = ks.getCertificate(name).getEncoded();
    return java.util.HexFormat.ofDelimiter(":")
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  private TakFixture start() throws Exception {
    String ruFingerprint = sha256("ru-atak").toUpperCase(java.util.Locale.ROOT);
    return new TakFixture(
        data,
        s ->
            new TakSettings(
                "127.0.0.1",
                -1,
                0,
                Optional.of(
                    new TakSettings.Tls(
                        keys.resolve("server.p12"), PASS, keys.resolve("trust.p12"), PASS)),
                Map.of(
                    TakSettings.subjectKey("CN=us-atak-1, OU=TAK, O=US"), "us-officer",
                    TakSettings.fingerprintKey(ruFingerprint), "ru-officer"),
                TakSettings.DEFAULT_MAX_EVENT_BYTES,
                TakSettings.DEFAULT_MAX_CLIENT_BUFFER_BYTES,
                Map.of()));
  }

  private static TakClient connect(int port, String name, String uid) throws Exception {
    KeyStore ks = KeyStore.getInstance(keys.resolve(name + ".p12").toFile(), PASS.toCharArray());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS.toCharArray());
    KeyStore trust = KeyStore.getInstance(keys.resolve("trust.p12").toFile(), PASS.toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.startHandshake();
    return new TakClient(s, uid);
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
