// Consumes with nsqjs's Reader connected straight to nsqd (no lookupd):
//   node consume.js HOST:PORT TOPIC CHANNEL COUNT [REQUEUE_BODY...]
// Prints "ready" once subscribed, then one JSON line per delivery: {"body","attempts","id","receivedAt"}.
// A body listed as REQUEUE_BODY is requeued (REQ without delay or backoff) on its first attempt; every other
// delivery is finished. Exits 0 once COUNT messages were finished; exits 1 on error.
'use strict'

const nsq = require('nsqjs')

const [address, topic, channel, count, ...requeued] = process.argv.slice(2)
const toRequeue = new Set(requeued)
let finished = 0

function fail(err) {
  console.error(`consume.js: ${err && err.stack ? err.stack : err}`)
  process.exit(1)
}

setTimeout(() => fail(`timed out after ${finished} of ${count} messages`), 30000).unref()

const reader = new nsq.Reader(topic, channel, { nsqdTCPAddresses: [address], maxInFlight: 10 })

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
