package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The vocabulary refuses to load when any template is missing or faulty. */
class VocabularyLoadTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The shipped resource, as a mutable tree. */
  private static ObjectNode shipped() throws Exception {
    try (InputStream in = Vocabulary.class.getResourceAsStream(Vocabulary.RESOURCE)) {
      assertThat(in).isNotNull();
      return (ObjectNode) MAPPER.readTree(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  private static ObjectNode texts(ObjectNode vocabulary, MessageCode code) {
    return (ObjectNode) vocabulary.get("codes").get(code.wireName());
  }

  @Test
  void theShippedVocabularyLoads() throws Exception {
    assertThat(Vocabulary.fromJson(shipped())).hasSize(MessageCode.values().length);
    assertThat(Vocabulary.entries()).hasSize(MessageCode.values().length);
  }

  static Stream<Arguments> everyCodeInEveryLanguage() {
    return VocabularyTest.everyCodeInEveryLanguage();
  }

  @ParameterizedTest(name = "without {0} in {1}")
  @MethodSource("everyCodeInEveryLanguage")
  void aMissingTemplateFailsNamingCodeAndLanguage(MessageCode code, Language language)
      throws Exception {
    ObjectNode vocabulary = shipped();
    texts(vocabulary, code).remove(language.tag());

    assertThatThrownBy(() -> Vocabulary.fromJson(vocabulary))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("vocabulary.json: no " + language.tag() + " template for " + code.wireName());
  }

  @Test
  void aMissingTemplateStopsTheClassFromLoading() throws Exception {
    ObjectNode vocabulary = shipped();
    texts(vocabulary, MessageCode.UNDER_FIRE).remove("tr");
    ClassLoader loader = new IsolatingLoader(MAPPER.writeValueAsBytes(vocabulary));

    assertThatThrownBy(() -> Class.forName(Vocabulary.class.getName(), true, loader))
        .isInstanceOf(ExceptionInInitializerError.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("vocabulary.json: no tr template for under-fire");
  }

  /**
   * Loads this package's classes afresh, everything else from the test's loader, and serves {@code
   * vocabulary} in place of the shipped resource.
   */
  private static final class IsolatingLoader extends ClassLoader {
    private static final String PACKAGE = Vocabulary.class.getPackageName() + ".";
    private final byte[] vocabulary;

    IsolatingLoader(byte[] vocabulary) {
      super(VocabularyLoadTest.class.getClassLoader());
      this.vocabulary = vocabulary.clone();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            loaded = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        return loaded;
      }
    }

    @Override
    public @Nullable InputStream getResourceAsStream(String name) {
      if (name.equals(PACKAGE.replace('.', '/') + Vocabulary.RESOURCE)) {
        return new ByteArrayInputStream(vocabulary);
      }
      return super.getResourceAsStream(name);
    }
  }

  @Test
  void aMissingCodeFails() throws Exception {
    ObjectNode vocabulary = shipped();
    ((ObjectNode) vocabulary.get("codes")).remove("under-fire");

    assertThatThrownBy(() -> Vocabulary.fromJson(vocabulary))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("vocabulary.json: no templates for under-fire");
  }

  @Test
  void anUnknownCodeOrLanguageFails() throws Exception {
    ObjectNode unknownCode = shipped();
    ((ObjectNode) unknownCode.get("codes")).putObject("approve").put("en", "Approved.");
    assertThatThrownBy(() -> Vocabulary.fromJson(unknownCode))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("vocabulary.json: unknown message code \"approve\"");

    ObjectNode unknownLanguage = shipped();
    texts(unknownLanguage, MessageCode.ALL_CLEAR).put("fr", "Fin d'alerte.");
    assertThatThrownBy(() -> Vocabulary.fromJson(unknownLanguage))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "vocabulary.json: all-clear: unknown language key \"fr\"; expected en, ru, ar, tr");
  }

  @Test
  void duplicateKeysFail() {
    String json = "{\"codes\": {\"acknowledge\": {\"en\": \"Received.\", \"en\": \"Approved.\"}}}";

    assertThatThrownBy(() -> Vocabulary.read(new StringReader(json)))
        .hasMessageContaining("Duplicate field 'en'");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiterString = "~",
      quoteCharacter = '`',
      value = {
        "request-delay ~ ru ~ Просим задержать движение на {minute}. ~ unknown placeholder {minute}",
        "request-delay ~ ru ~ Просим задержать движение. ~ parameter {minutes} is not used",
        "request-delay ~ ru ~ Просим задержать движение на {minutes} мин. ~ {minutes} needs its counted forms in this language: {minutes|one:...|few:...|many:...}",
        "request-delay ~ ru ~ Просим задержать движение на {minutes|one:# минуту|many:# минут}. ~ {minutes} gives forms [one, many]; expected {minutes|one:...|few:...|many:...}",
        "request-delay ~ en ~ Delay {minutes|one:# minute|other:# minutes|other:# min}. ~ bad form \"other:# min\"",
        "request-delay ~ en ~ Delay {minutes|some:# minutes}. ~ bad form \"some:# minutes\"",
        "request-delay ~ en ~ Delay {minutes|one:|other:# minutes}. ~ bad form \"one:\"",
        "stopped ~ en ~ Stopped at {place|one:# place}. ~ {place} is a place, not counted",
        "stopped ~ en ~ Stopped at {place. ~ '{' without '}' at index 11",
        "stopped ~ en ~ Stopped at {{place}}. ~ '{' without '}' at index 11",
        "stopped ~ en ~ Stopped at place} {place}. ~ '}' without '{' at index 16",
        "stopped ~ en ~ Stopped | at {place}. ~ '|' outside a placeholder",
        "stopped ~ en ~ ` Stopped at {place}.` ~ must be non-blank with no surrounding spaces",
        "acknowledge ~ en ~ `` ~ must be non-blank with no surrounding spaces",
      })
  void aFaultyTemplateFailsSayingWhy(String wireName, String tag, String template, String problem)
      throws Exception {
    MessageCode code = MessageCode.parse(wireName);
    ObjectNode vocabulary = shipped();
    texts(vocabulary, code).put(tag, template);

    assertThatThrownBy(() -> Vocabulary.fromJson(vocabulary))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("template " + code.wireName() + "/" + tag + " ")
        .hasMessageContaining(problem);
  }
}
