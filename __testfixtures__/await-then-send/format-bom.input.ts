import { onRequest } from "firebase-functions/v2/https";
import { getFirestore } from "firebase-admin/firestore";

export const bomHandler = onRequest((req, res) => {
  return getFirestore().collection("bom").add({ at: Date.now() });
});
