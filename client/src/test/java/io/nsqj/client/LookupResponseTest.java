package io.nsqj.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LookupResponseTest {

    @Test
    void readsProducersFromNsqlookupdsAnswer() {
        LookupResponse r = LookupResponse.parse("""
                {"channels":["billing","audit"],"producers":[
                 {"remote_address":"10.0.0.5:51234","hostname":"n1","broadcast_address":"nsqd-1.local","tcp_port":4150,"http_port":4151,"version":"1.3.0"},
                 {"remote_address":"10.0.0.6:51235","hostname":"n2","broadcast_address":"10.0.0.6","tcp_port":4250,"http_port":4251,"version":"1.3.0"}]}
                """);
        assertEquals(List.of("billing", "audit"), r.channels());
        assertEquals(List.of(new NsqAddress("nsqd-1.local", 4150), new NsqAddress("10.0.0.6", 4250)), r.producers());
    }

    @Test
    void readsTheWrappedAnswerOfOldNsqlookupd() {
        LookupResponse r = LookupResponse.parse("""
                {"status_code":200,"status_txt":"OK","data":{"channels":[],"producers":[{"broadcast_address":"h","tcp_port":1}]}}
                """);
        assertEquals(List.of(new NsqAddress("h", 1)), r.producers());
    }

    @Test
    void anAnswerWithoutProducersIsEmpty() {
        assertEquals(List.of(), LookupResponse.parse("{\"channels\":[],\"producers\":[]}").producers());
        assertEquals(List.of(), LookupResponse.parse("{}").producers());
    }

    @Test
    void lookupdAddressesParseWithOrWithoutScheme() {
        assertEquals(new NsqAddress("lookupd", 4161), NsqAddress.parse("http://lookupd:4161/"));
        assertEquals(new NsqAddress("::1", 4161), NsqAddress.parse("[::1]:4161"));
        assertEquals("[::1]:4161", new NsqAddress("::1", 4161).toString());
    }
}
