package io.nsqj.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdyDistributionTest {

    @Test
    void maxInFlightIsSplitEvenlyRoundingDown() {
        assertEquals(100, RdyDistribution.perConnection(100, 1));
        assertEquals(33, RdyDistribution.perConnection(100, 3));
        assertEquals(2, RdyDistribution.perConnection(5, 2));
    }

    @Test
    void everyConnectionAsksForAtLeastOneEvenWhenThereAreMoreConnectionsThanMaxInFlight() {
        assertEquals(1, RdyDistribution.perConnection(2, 5));
        assertEquals(1, RdyDistribution.perConnection(1, 3));
    }

    @Test
    void nothingToDistributeWithoutConnectionsOrMaxInFlight() {
        assertEquals(0, RdyDistribution.perConnection(10, 0));
        assertEquals(0, RdyDistribution.perConnection(0, 3));
    }

    @Test
    void grantIsCappedByNsqdsMaxRdyCount() {
        assertEquals(2500, RdyDistribution.allowed(5000, 2500, 10_000, 0, 0));
    }

    @Test
    void grantNeverLetsTheSumPassMaxInFlight() {
        // two connections hold 8 of 10: a third may get the remaining 2, not the 5 it wants
        assertEquals(2, RdyDistribution.allowed(5, 2500, 10, 8, 0));
        // a connection's own RDY is given back before counting
        assertEquals(5, RdyDistribution.allowed(5, 2500, 10, 8, 3));
    }

    @Test
    void noRoomMeansNoRaiseButLoweringIsAlwaysAllowed() {
        assertEquals(-1, RdyDistribution.allowed(1, 2500, 2, 2, 0));
        assertEquals(0, RdyDistribution.allowed(0, 2500, 2, 2, 0));
        assertEquals(0, RdyDistribution.allowed(0, 2500, 2, 3, 1));
    }

    @Test
    void redistributionOnlyWhenRdyCannotCoverEveryConnection() {
        assertFalse(RdyDistribution.needsRedistribution(10, 3, false));
        assertTrue(RdyDistribution.needsRedistribution(2, 3, false));
        assertTrue(RdyDistribution.needsRedistribution(10, 3, true));
        assertFalse(RdyDistribution.needsRedistribution(1, 0, true));
    }
}
