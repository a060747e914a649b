package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void twoConnectorsNeverGetTheSameFile() {
        Set<String> taken = new HashSet<>();
        List<String> names = List.of("a/b", "a_b", "A_B", "..", ".hidden", "orders.sink").stream()
                .map(name -> FileNames.unique(name, taken)).toList();
        assertEquals(List.of("a_b.yaml", "a_b-2.yaml", "A_B-3.yaml", "_..yaml", "_hidden.yaml", "orders.sink.yaml"), names);
    }
}
