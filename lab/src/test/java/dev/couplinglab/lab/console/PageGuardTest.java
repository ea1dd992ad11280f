package dev.couplinglab.lab.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageGuardTest {

  private final PageGuard guard = new PageGuard("127.0.0.1", 7480);

  @Test
  void onlyTheConsolesOwnHostIsAnswered() {
    assertThat(guard.checkHost("127.0.0.1:7480")).isEmpty();
    assertThat(guard.checkHost("localhost:7480")).isEmpty();
    assertThat(guard.checkHost("rebound.example:7480")).isPresent();
    assertThat(guard.checkHost(null)).isPresent();
  }

  @Test
  void aChangeNeedsTheSameOriginAndThePagesToken() {
    String host = "127.0.0.1:7480";
    assertThat(guard.checkChange(host, "http://127.0.0.1:7480", guard.token())).isEmpty();
    assertThat(guard.checkChange(host, "http://evil.example", guard.token())).isPresent();
    assertThat(guard.checkChange(host, null, guard.token())).isPresent();
    assertThat(guard.checkChange(host, "http://127.0.0.1:7480", "guess")).isPresent();
    assertThat(guard.checkChange(host, "http://127.0.0.1:7480", null)).isPresent();
    assertThat(new PageGuard("127.0.0.1", 7480).token()).isNotEqualTo(guard.token());
  }
}
