package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/hotline.md} lists every code with its parameters and its English text. */
class HotlineDocsTest {

  /** The tests run in the module directory; the docs are one level up. */
  private static final Path DOCS = Path.of("..", "docs", "hotline.md");

  @Test
  void theVocabularyTableMatchesTheVocabulary() throws Exception {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);

    for (Vocabulary.Entry entry : Vocabulary.entries()) {
      StringBuilder params = new StringBuilder();
      for (Param param : entry.params()) {
        params.append(params.length() == 0 ? "" : ", ");
        params.append('`').append(param.name()).append("`: ").append(param.type().wireName());
      }
      String row =
          "| `"
              + entry.wireName()
              + "` | "
              + (params.length() == 0 ? "—" : params)
              + " | "
              + entry.text().get(Language.EN)
              + " |";
      assertThat(docs).as("docs/hotline.md row for " + entry.wireName()).contains(row);
    }
  }
}
