package io.connectops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class RestartTokenTest {
    @Test
    void aTokenNamesATaskOnlyInItsTaskForm() {
        assertEquals(OptionalInt.of(3), RestartToken.task("task:3"));
        assertEquals(OptionalInt.of(0), RestartToken.task("annotation:task:0@1234"));
        assertEquals(OptionalInt.empty(), RestartToken.task("2026-05-01"));
        assertEquals(OptionalInt.empty(), RestartToken.task("task:"));
        assertEquals(OptionalInt.empty(), RestartToken.task("annotation:true@99"));
        assertEquals(OptionalInt.empty(), RestartToken.task(null));
    }
}
