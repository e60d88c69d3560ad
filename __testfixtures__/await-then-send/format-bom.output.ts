import { onRequest } from "firebase-functions/v2/https";
import { getFirestore } from "firebase-admin/firestore";

export const bomHandler = onRequest(async (req, res) => {
  await getFirestore().collection("bom").add({ at: Date.now() });
  res.sendStatus(200);
});
