package io.nsqj.tools;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.LookupdProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lookupd and a broker registered with it, started once for a test class and stopped after it:
 * {@code @RegisterExtension static final LocalNsq NSQ = new LocalNsq("tail");}. They are up before the class'
 * own {@code @BeforeAll} methods run.
 */
public final class LocalNsq implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private LookupdProcess lookupd;
    private BrokerProcess broker;

    public LocalNsq(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lookupd = LookupdProcess.start(name + "-lookupd");
        broker = BrokerProcess.start(name + "-nsqd", "--broadcast-address=127.0.0.1",
                "--lookupd-tcp-address=127.0.0.1:" + lookupd.tcpPort());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
        if (lookupd != null) {
            lookupd.close();
        }
    }

    public BrokerProcess broker() {
        return broker;
    }

    public LookupdProcess lookupd() {
        return lookupd;
    }
}
