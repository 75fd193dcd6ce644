package io.nsqj.tools.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostPoolTest {
    @Test
    void hostsAreTakenInTurn() {
        HostPool pool = new HostPool(List.of("a", "b", "c"));
        assertEquals(List.of("a", "b", "c", "a"), List.of(pool.get(), pool.get(), pool.get(), pool.get()));
    }

    @Test
    void aFailedHostIsSkippedUntilItsRetryTime() {
        HostPool pool = new HostPool(List.of("a", "b"));
        pool.mark(pool.get(), false);
        assertEquals(List.of("b", "b", "b"), List.of(pool.get(), pool.get(), pool.get()));
    }

    @Test
    void whenEveryHostFailedAllAreBackInFromTheFirstWhichGoHostpoolHandsOutTwice() {
        HostPool pool = new HostPool(List.of("a", "b"));
        pool.mark(pool.get(), false);
        pool.mark(pool.get(), false);
        assertEquals(List.of("a", "a", "b"), List.of(pool.get(), pool.get(), pool.get()));
    }

    @Test
    void aSuccessBringsAHostBack() {
        HostPool pool = new HostPool(List.of("a", "b"));
        pool.mark("a", false);
        pool.mark("a", true);
        assertEquals(List.of("a", "b"), List.of(pool.get(), pool.get()));
    }
}
