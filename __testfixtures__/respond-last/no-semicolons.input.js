const express = require("express")
const app = express()

app.post("/event", async (req, res) => {
  res.status(202).send("queued")
  await events.insert(req.body)
  analytics.track("event", req.body.type)
})
