// Consumes with nsqjs's Reader, connected straight to nsqd or to the nsqd that lookupd lists:
//   node consume.js HOST:PORT TOPIC CHANNEL COUNT [REQUEUE_BODY...]
//   node consume.js http://LOOKUPD_HOST:PORT[,http://...] TOPIC CHANNEL COUNT [REQUEUE_BODY...]
// With lookupd URLs, the Reader polls them every second (nsqjs's smallest interval; its default is 60s).
// Prints "ready" once subscribed, then one JSON line per delivery: {"body","attempts","id","receivedAt"}.
// A body listed as REQUEUE_BODY is requeued (REQ without delay or backoff) on its first attempt; every other
// delivery is finished. Exits 0 once COUNT messages were finished; exits 1 on error.
// NSQJS_OPTIONS (JSON) adds nsqjs options, such as {"tls":true,"tlsVerification":false}, {"snappy":true},
// {"deflate":true} or {"authSecret":"..."}; its "caFile" names a PEM file that becomes the "ca" option.
'use strict'

const fs = require('fs')
const nsq = require('nsqjs')

const extra = JSON.parse(process.env.NSQJS_OPTIONS || '{}')
if (extra.caFile) {
  extra.ca = fs.readFileSync(extra.caFile)
  delete extra.caFile
}

const [address, topic, channel, count, ...requeued] = process.argv.slice(2)
const toRequeue = new Set(requeued)
let finished = 0

function fail(err) {
  console.error(`consume.js: ${err && err.stack ? err.stack : err}`)
  process.exit(1)
}

setTimeout(() => fail(`timed out after ${finished} of ${count} messages`), 30000).unref()

const discovery = address.includes('://')
  ? { lookupdHTTPAddresses: address.split(','), lookupdPollInterval: 1 }
  : { nsqdTCPAddresses: [address] }
const reader = new nsq.Reader(topic, channel, { ...discovery, maxInFlight: 10, ...extra })

reader.on('error', fail)
reader.on('ready', () => console.log('ready'))
reader.on('message', (msg) => {
  const body = msg.body.toString()
  console.log(JSON.stringify({ body, attempts: msg.attempts, id: msg.id, receivedAt: Date.now() }))
  if (toRequeue.has(body) && msg.attempts === 1) {
    msg.requeue(0, false)
    return
  }
  msg.finish()
  finished++
  if (finished === Number(count)) {
    // the connection closes after the FIN went out
    reader.on('nsqd_closed', () => process.exit(0))
    reader.close()
  }
})
reader.connect()
