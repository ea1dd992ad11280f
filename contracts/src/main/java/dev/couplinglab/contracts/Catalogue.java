package dev.couplinglab.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SKUs the system sells, read from {@code couplinglab/catalogue.tsv}. Shared as a contract: the
 * identifiers are public, while each service keeps its own state about them.
 */
public final class Catalogue {

  /** One product and the stock inventory-service starts with. */
  public record Item(String sku, String name, int initialStock) {}

  private static final List<Item> ITEMS = load();

  private Catalogue() {}

  public static List<Item> items() {
    return ITEMS;
  }

  public static Optional<Item> find(String sku) {
    return ITEMS.stream().filter(item -> item.sku().equals(sku)).findFirst();
  }

  private static List<Item> load() {
    try (InputStream in = Catalogue.class.getResourceAsStream("/couplinglab/catalogue.tsv")) {
      if (in == null) {
        throw new IllegalStateException("couplinglab/catalogue.tsv is missing from the classpath");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Item> items = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        items.add(new Item(fields[0], fields[1], Integer.parseInt(fields[2])));
      }
      return List.copyOf(items);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
