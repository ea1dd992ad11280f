package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.lab.admin.AdminChannels;
import dev.couplinglab.lab.admin.AdminClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admin clients on kept channels (the console lists the faults every few seconds) reuse one
 * connection per service, and closing such a client leaves it open; a client of its own opens and
 * closes one per use. Against a real gRPC server over TCP.
 */
class AdminChannelsTest {

  private static final Duration BOUND = Duration.ofSeconds(5);

  private FakeAdminService admin;

  @BeforeEach
  void start() throws Exception {
    admin = new FakeAdminService();
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  @Test
  void listingsOnKeptChannelsShareOneConnection() {
    try (AdminChannels kept = new AdminChannels()) {
      for (int i = 0; i < 3; i++) {
        try (AdminClient client =
            AdminClient.over(kept, "inventory-service", admin.address(), FakeAdminService.TOKEN)) {
          assertThat(client.list(BOUND)).as("listing " + i).hasSize(1);
        }
      }
    }

    assertThat(admin.peers).as("three calls").hasSize(3);
    assertThat(Set.copyOf(admin.peers)).as("on one connection").hasSize(1);
  }

  @Test
  void clientsOfTheirOwnOpenAConnectionEach() {
    for (int i = 0; i < 2; i++) {
      try (AdminClient client =
          AdminClient.connect("inventory-service", admin.address(), FakeAdminService.TOKEN)) {
        assertThat(client.list(BOUND)).as("listing " + i).hasSize(1);
      }
    }

    assertThat(Set.copyOf(admin.peers)).as("two connections").hasSize(2);
  }

  @Test
  void eachClientOnAKeptChannelSendsTheTokenItWasGiven() {
    try (AdminChannels kept = new AdminChannels()) {
      try (AdminClient client =
          AdminClient.over(kept, "order-service", admin.address(), FakeAdminService.TOKEN)) {
        client.list(BOUND);
      }
      try (AdminClient client =
          AdminClient.over(kept, "order-service", admin.address(), "a-new-cluster-token")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.list(BOUND))
            .hasMessageContaining("PERMISSION_DENIED");
      }
    }

    assertThat(admin.authorizations)
        .containsExactly("Bearer " + FakeAdminService.TOKEN, "Bearer a-new-cluster-token");
  }
}
