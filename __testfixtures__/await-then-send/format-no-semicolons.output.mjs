import functions from '@google-cloud/functions-framework'
import { PubSub } from '@google-cloud/pubsub'

const topic = new PubSub().topic('clicks')

functions.http('click', async (req, res) => {
  const payload = { id: req.query.id, at: Date.now() }
  if (req.query.batch) {
    await topic.publishMessage({ json: [payload] })
    res.sendStatus(200)
    return
  }
  ;[payload].forEach((p) => console.log(p))
  await (req.query.slow ? topic.publishMessage({ json: payload }) : Promise.resolve())
  res.sendStatus(200)
})

functions.http('clickConcise', async (req, res) => {
  await topic.publishMessage({ json: req.query })
  res.sendStatus(200)
})
