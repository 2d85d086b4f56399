package io.deconflict.service.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageCodeTest {

  @Test
  void theVocabularyHasTheAgreedCodes() {
    assertThat(Arrays.stream(MessageCode.values()).map(MessageCode::wireName))
        .contains(
            "acknowledge",
            "request-delay",
            "will-delay",
            "will-hold-at",
            "passing",
            "request-stop",
            "will-stop",
            "stopped",
            "resume-movement",
            "request-route-change",
            "changing-route",
            "request-contact",
            "all-clear",
            "unable-to-comply",
            "emergency-medical",
            "under-fire",
            "aircraft-in-area",
            "convoy-humanitarian",
            "request-confirm-location",
            "location-confirmed");
  }

  @Test
  void parametersAreTyped() {
    assertThat(MessageCode.ACKNOWLEDGE.params()).isEmpty();
    assertThat(MessageCode.REQUEST_DELAY.params())
        .containsExactly(new Param("minutes", ParamType.MINUTES));
    assertThat(MessageCode.WILL_HOLD_AT.params())
        .containsExactly(new Param("place", ParamType.PLACE), new Param("until", ParamType.TIME));
    assertThat(MessageCode.PASSING.params())
        .containsExactly(new Param("place", ParamType.PLACE), new Param("time", ParamType.TIME));
    assertThat(MessageCode.CHANGING_ROUTE.params())
        .containsExactly(new Param("via", ParamType.PLACE));
    assertThat(MessageCode.CONVOY_HUMANITARIAN.params())
        .containsExactly(new Param("vehicles", ParamType.COUNT));
    assertThat(MessageCode.UNABLE_TO_COMPLY.params()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(MessageCode.class)
  void wireNamesAreKebabCaseAndParseBack(MessageCode code) {
    assertThat(code.wireName()).matches("[a-z]+(-[a-z]+)*");
    assertThat(MessageCode.parse(code.wireName())).isEqualTo(code);
  }

  @Test
  void wireNamesAndParameterNamesAreUnique() {
    Set<String> names = new HashSet<>();
    for (MessageCode code : MessageCode.values()) {
      assertThat(names.add(code.wireName())).as(code.wireName()).isTrue();
      List<String> params = code.params().stream().map(Param::name).collect(Collectors.toList());
      assertThat(params).as(code.wireName()).doesNotHaveDuplicates();
    }
  }

  @Test
  void noParameterIsFreeText() {
    for (MessageCode code : MessageCode.values()) {
      assertThat(code.params())
          .extracting(Param::type)
          .isSubsetOf(ParamType.MINUTES, ParamType.COUNT, ParamType.TIME, ParamType.PLACE);
    }
  }

  @Test
  void anUnknownCodeIsQuotedWithTheValidOnes() {
    assertThatThrownBy(() -> MessageCode.parse("REQUEST_DELAY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown message code \"REQUEST_DELAY\"; valid codes: acknowledge,")
        .hasMessageContaining("request-delay")
        .hasMessageEndingWith("refuse-proposal");
  }

  @Test
  void aParameterNameIsLowerCaseLetters() {
    assertThatThrownBy(() -> new Param("Minutes", ParamType.MINUTES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Minutes\"");
  }
}
