package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.Stock;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Shows the stock of one SKU or of all. */
@Command(
    mixinStandardHelpOptions = true,
    name = "stock",
    description = "Show stock levels from inventory-service.")
public final class StockCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Parameters(arity = "0..1", paramLabel = "SKU", description = "one SKU (default: all)")
  private String sku = "";

  @Option(names = "--timeout", defaultValue = "5s", converter = Durations.class)
  private Duration timeout;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() throws Exception {
    try (Connection connection =
        Connection.to(lab.context(), Part.INVENTORY, where.destination())) {
      Stock stock =
          InventoryServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .getStock(GetStockRequest.newBuilder().setSku(sku).build());
      Table table = new Table("SKU", "NAME", "AVAILABLE", "RESERVED");
      for (StockLevel level : stock.getLevelsList()) {
        table.row(level.getSku(), level.getName(), level.getAvailable(), level.getReserved());
      }
      table.print(lab.context().out());
      return 0;
    }
  }
}
