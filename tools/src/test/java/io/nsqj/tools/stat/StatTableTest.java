package io.nsqj.tools.stat;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatTableTest {
    @Test
    void headerIsNsqsTwoLines() {
        assertEquals("------rate------+----------------depth----------------+--------------metadata---------------\n"
                + "ingress  egress |   total     mem    disk inflt   def |     req     t-o         msgs clients", StatTable.header());
    }

    @Test
    void ratesAreMessagesASecondOverTheIntervalAndEgressIsWhatLeftTheChannel() {
        ChannelTotals before = new ChannelTotals(100, 60, 40, 0, 0, 0, 0, 1000, 1);
        // 40 new messages in 2s, and the depth grew by 10: 30 left
        ChannelTotals now = new ChannelTotals(110, 70, 40, 3, 2, 5, 1, 1040, 2);
        assertEquals("     20      15 |     110      70      40     3     2 |       5       1         1040       2",
                StatTable.row(before, now, Duration.ofSeconds(2)));
    }

    @Test
    void ratesAreTruncatedTowardZeroAsGosIntConversion() {
        ChannelTotals before = new ChannelTotals(10, 10, 0, 0, 0, 0, 0, 10, 0);
        ChannelTotals now = new ChannelTotals(0, 0, 0, 0, 0, 0, 0, 11, 0);
        assertEquals("      0       3 |       0       0       0     0     0 |       0       0           11       0",
                StatTable.row(before, now, Duration.ofSeconds(3)));
    }
}
