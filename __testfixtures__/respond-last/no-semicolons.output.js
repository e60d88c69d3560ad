const express = require("express")
const app = express()

app.post("/event", async (req, res) => {
  await events.insert(req.body)
  await analytics.track("event", req.body.type)
  res.status(202).send("queued")
})
