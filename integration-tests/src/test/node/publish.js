// Publishes with nsqjs's Writer, as an application would:
//   node publish.js HOST:PORT TOPIC MODE BODY...
// MODE is "single" (one PUB per body), "batch" (one MPUB of all bodies) or "defer:MS" (one DPUB per body).
// Prints {"published":N,"startedAt":EPOCH_MS} once nsqd acknowledged everything, then exits 0; exits 1 on error.
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

const [address, topic, mode, ...bodies] = process.argv.slice(2)
const [host, port] = address.split(':')

function fail(err) {
  console.error(`publish.js: ${err && err.stack ? err.stack : err}`)
  process.exit(1)
}

setTimeout(() => fail('timed out'), 20000).unref()

const writer = new nsq.Writer(host, Number(port), extra)

function acknowledged(publish) {
  return new Promise((resolve, reject) => publish((err) => (err ? reject(err) : resolve())))
}

async function publishAll() {
  if (mode === 'batch') {
    await acknowledged((done) => writer.publish(topic, bodies, done))
  } else if (mode === 'single') {
    for (const body of bodies) {
      await acknowledged((done) => writer.publish(topic, body, done))
    }
  } else if (mode.startsWith('defer:')) {
    const delay = Number(mode.substring('defer:'.length))
    for (const body of bodies) {
      // nsqjs 0.13 hands deferPublish's message on as is, but its connection only takes an array
      await acknowledged((done) => writer.deferPublish(topic, [body], delay, done))
    }
  } else {
    throw new Error(`unknown mode ${mode}`)
  }
}

writer.on('error', fail)
writer.on('ready', () => {
  const startedAt = Date.now()
  publishAll()
    .then(() => {
      console.log(JSON.stringify({ published: bodies.length, startedAt }))
      writer.on('closed', () => process.exit(0))
      writer.close()
    })
    .catch(fail)
})
writer.connect()
