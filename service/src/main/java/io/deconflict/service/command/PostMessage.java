package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import io.deconflict.service.hotline.CodedMessage;
import java.util.Optional;

/**
 * Posts a hotline message ({@code hotline.post}) to a thread: free text or a coded message from the
 * shared vocabulary, exactly one of them.
 *
 * @param thread {@code conflict:<id>} or {@code pair:<a>:<b>}
 * @param text free text, at most {@link #MAX_TEXT} characters
 * @param coded a coded message, rendered in each reader's language
 */
public record PostMessage(String thread, Optional<String> text, Optional<CodedMessage> coded)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "hotline.post";

  /** The longest free-text message. */
  public static final int MAX_TEXT = 4000;

  /** Checks that the message is text or coded, not both nor neither, and the text's length. */
  public PostMessage {
    Ids.requireText(thread, "/thread");
    requireOneOf(text.isPresent(), coded.isPresent());
    text.ifPresent(t -> Ids.requireText(t, "/text"));
    if (text.isPresent() && text.get().length() > MAX_TEXT) {
      throw ServiceException.invalid("/text", "/text is longer than " + MAX_TEXT + " characters");
    }
  }

  /** Throws unless a message has exactly one of text and code. */
  static void requireOneOf(boolean hasText, boolean hasCode) {
    if (hasText == hasCode) {
      throw ServiceException.invalid(
          "", "a message has either text (free text) or code (from the vocabulary), not both");
    }
  }

  /** Free text to a thread. */
  public static PostMessage text(String thread, String text) {
    return new PostMessage(thread, Optional.of(text), Optional.empty());
  }

  /** A coded message to a thread. */
  public static PostMessage coded(String thread, CodedMessage coded) {
    return new PostMessage(thread, Optional.empty(), Optional.of(coded));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
