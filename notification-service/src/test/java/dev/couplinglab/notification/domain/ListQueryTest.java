package dev.couplinglab.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.platform.validation.Violation;
import org.junit.jupiter.api.Test;

class ListQueryTest {

  @Test
  void zeroLimitMeansTheDefaultHundred() {
    assertThat(new ListQuery("", 0).effectiveLimit()).as("limit for 0").isEqualTo(100);
    assertThat(new ListQuery("", 7).effectiveLimit()).as("limit for 7").isEqualTo(7);
  }

  @Test
  void acceptsLimitsUpToAThousand() {
    assertThat(new ListQuery("", 1000).violations()).as("violations for limit 1000").isEmpty();
  }

  @Test
  void refusesNegativeOrTooLargeLimits() {
    assertThat(new ListQuery("", 1001).violations())
        .as("violations for limit 1001")
        .extracting(Violation::field)
        .containsExactly("limit");
    assertThat(new ListQuery("", -1).violations())
        .as("violations for limit -1")
        .extracting(Violation::field)
        .containsExactly("limit");
  }

  @Test
  void emptyOrderIdListsRecentOnesAndMalformedOneIsRefused() {
    assertThat(new ListQuery("", 0).isForOneOrder()).as("empty order id").isFalse();
    assertThat(new ListQuery("o-1", 0).isForOneOrder()).as("order id o-1").isTrue();
    assertThat(new ListQuery("bad id", 0).violations())
        .as("violations for a malformed order id")
        .extracting(Violation::field)
        .containsExactly("order_id");
  }
}
