import functions from '@google-cloud/functions-framework'
import { PubSub } from '@google-cloud/pubsub'

const topic = new PubSub().topic('clicks')

functions.http('click', (req, res) => {
  const payload = { id: req.query.id, at: Date.now() }
  if (req.query.batch) {
    return topic.publishMessage({ json: [payload] })
  }
  ;[payload].forEach((p) => console.log(p))
  return req.query.slow ? topic.publishMessage({ json: payload }) : Promise.resolve()
})

functions.http('clickConcise', (req, res) => topic.publishMessage({ json: req.query }))
